namespace Vpo.Inference.Generation;

/// <summary>
/// The search options of one generation. ONNX Runtime GenAI sets them per generator, so only requests with an equal
/// <see cref="BatchKey"/> can share a batch.
/// </summary>
/// <param name="Temperature">Softmax temperature; 0 means greedy decoding (the most likely token every step).</param>
/// <param name="TopP">Nucleus mass kept when sampling (1 keeps the whole vocabulary, as published).</param>
/// <param name="MaxNewTokens">The most tokens to generate; clamped to what the context leaves after the prompt.</param>
/// <param name="Seed">Seed of the sampler; <c>null</c> draws a fresh one per generator run.</param>
/// <param name="MinNewTokens">Tokens to generate before the end-of-sequence tokens are allowed (0: no floor).</param>
public sealed record SamplingOptions(double Temperature, double TopP, int MaxNewTokens, int? Seed, int MinNewTokens = 0)
{
    /// <summary>The temperature the VPO authors sampled with at inference.</summary>
    public const double PublishedTemperature = 0.7;

    /// <summary>The nucleus mass the VPO authors sampled with at inference: the whole vocabulary.</summary>
    public const double PublishedTopP = 1.0;

    /// <summary>Whether decoding is greedy, in which case temperature, top-p and seed have no effect.</summary>
    public bool IsGreedy => Temperature <= 0;

    /// <summary>
    /// Whether this request may run in a generator with other rows. A seeded sampling request runs alone: the runtime
    /// draws every row of a batch from one random stream, so a seeded row would get other tokens in a batch than alone
    /// and its seed would no longer reproduce its answer. Greedy rows and unseeded sampling rows share freely.
    /// </summary>
    public bool MayShareGenerator => IsGreedy || Seed is null;

    /// <summary>What must be equal for two requests to share a generator (greedy ignores temperature, top-p and seed).</summary>
    public BatchKey BatchKey => IsGreedy
        ? new BatchKey(true, 0, 0, MaxNewTokens, MinNewTokens, null)
        : new BatchKey(false, Temperature, TopP, MaxNewTokens, MinNewTokens, Seed);
}

/// <summary>The search options that identify a generator; see <see cref="SamplingOptions.BatchKey"/>.</summary>
public readonly record struct BatchKey(bool Greedy, double Temperature, double TopP, int MaxNewTokens, int MinNewTokens, int? Seed);
