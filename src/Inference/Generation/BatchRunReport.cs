namespace Vpo.Inference.Generation;

/// <summary>What one generator run did, for metrics and tests.</summary>
/// <param name="Rows">Rows in the batch.</param>
/// <param name="Steps">Decoding steps run (each step generates one token for every open row).</param>
/// <param name="GeneratedTokens">Tokens kept across all rows, stop tokens excluded.</param>
/// <param name="CancelledRows">Rows whose callers cancelled before they ended.</param>
/// <param name="Prefill">Time to the first step's tokens (prompt processing included).</param>
/// <param name="Elapsed">The run's wall time.</param>
public sealed record BatchRunReport(int Rows, int Steps, int GeneratedTokens, int CancelledRows, TimeSpan Prefill, TimeSpan Elapsed);
