namespace Vpo.Bench.Generation;

/// <summary>Where one generator run's time goes: processing the prompts (prefill) and decoding the answers.</summary>
/// <param name="BatchSize">Rows in the generator.</param>
/// <param name="PromptTokens">Prompt tokens of all rows (padding excluded).</param>
/// <param name="PrefillSeconds">From appending the prompts to the first new token of every row.</param>
/// <param name="DecodeSeconds">The remaining tokens.</param>
/// <param name="GeneratedTokens">New tokens of all rows.</param>
public sealed record PhaseProfile(int BatchSize, int PromptTokens, double PrefillSeconds, double DecodeSeconds, int GeneratedTokens)
{
    /// <summary>Prompt tokens processed per second of prefill.</summary>
    public double PrefillTokensPerSecond => PrefillSeconds > 0 ? PromptTokens / PrefillSeconds : 0;

    /// <summary>Tokens after the first per second of decoding.</summary>
    public double DecodeTokensPerSecond => DecodeSeconds > 0 ? (GeneratedTokens - BatchSize) / DecodeSeconds : 0;

    /// <summary>Generated tokens per second of the whole run.</summary>
    public double GeneratedTokensPerSecond => PrefillSeconds + DecodeSeconds > 0 ? GeneratedTokens / (PrefillSeconds + DecodeSeconds) : 0;

    /// <summary>Share of the run spent in prefill.</summary>
    public double PrefillShare => PrefillSeconds + DecodeSeconds > 0 ? PrefillSeconds / (PrefillSeconds + DecodeSeconds) : 0;
}
