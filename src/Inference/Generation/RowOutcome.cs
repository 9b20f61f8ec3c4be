namespace Vpo.Inference.Generation;

/// <summary>How one row of a generator run ended.</summary>
/// <param name="Tokens">The generated token ids, stop token excluded.</param>
/// <param name="Text">The answer as one paragraph (empty when cancelled).</param>
/// <param name="FinishReason">Stop token or budget.</param>
/// <param name="TimeToFirstToken">From the run's start to the row's first token (prefill included).</param>
/// <param name="Elapsed">From the run's start to the row's end.</param>
/// <param name="Cancelled">Whether the row ended because its caller cancelled it.</param>
public sealed record RowOutcome(IReadOnlyList<int> Tokens, string Text, FinishReason FinishReason, TimeSpan TimeToFirstToken, TimeSpan Elapsed, bool Cancelled);
