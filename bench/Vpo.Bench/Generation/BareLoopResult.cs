namespace Vpo.Bench.Generation;

/// <summary>The bare ONNX Runtime GenAI loop over the benchmark's prompts, one at a time.</summary>
/// <param name="Requests">Prompts answered.</param>
/// <param name="Seconds">Wall time of the whole loop.</param>
/// <param name="GeneratedTokens">Tokens generated.</param>
/// <param name="DecodeTokensPerSecond">Tokens after the first per second of decoding (prefill excluded): the batch-1 decode rate.</param>
/// <param name="MeanPrefillMs">Mean time to the first token (prompt processing).</param>
public sealed record BareLoopResult(int Requests, double Seconds, long GeneratedTokens, double DecodeTokensPerSecond, double MeanPrefillMs)
{
    /// <summary>Generated tokens per second of wall time, prefill included.</summary>
    public double GeneratedTokensPerSecond => Seconds > 0 ? GeneratedTokens / Seconds : 0;
}
