namespace Vpo.Inference.Generation;

/// <summary>One prompt in a generator run, with the token its caller cancels it by.</summary>
/// <param name="promptTokens">The templated prompt's token ids.</param>
/// <param name="cancellation">Cancelled when the caller no longer wants the answer (client gone or timed out).</param>
public class BatchRow(int[] promptTokens, CancellationToken cancellation)
{
    /// <summary>The templated prompt's token ids.</summary>
    public int[] PromptTokens { get; } = promptTokens ?? throw new ArgumentNullException(nameof(promptTokens));

    /// <summary>Cancelled when the caller no longer wants the answer.</summary>
    public CancellationToken Cancellation { get; } = cancellation;
}
