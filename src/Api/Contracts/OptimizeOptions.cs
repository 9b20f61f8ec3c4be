using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts;

/// <summary>How the optimizer samples its answer. Requests with equal options are batched together.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OptimizeOptions
{
    /// <summary>Sampling temperature from 0 to 2 (default 0.7). 0 is greedy: the same query always gives the same prompt.</summary>
    /// <example>0.7</example>
    public double? Temperature { get; init; }

    /// <summary>Nucleus sampling mass, greater than 0 and at most 1 (default 1.0, the whole vocabulary).</summary>
    /// <example>1.0</example>
    public double? TopP { get; init; }

    /// <summary>The most tokens to generate, from 1 to 2,048 (default 1,024); also clamped to the model's context.</summary>
    /// <example>256</example>
    public int? MaxNewTokens { get; init; }

    /// <summary>
    /// Tokens to generate before the model may end its answer, from 0 (default) to <c>max_new_tokens</c>: a floor for
    /// answers that must not be cut short.
    /// </summary>
    /// <example>0</example>
    public int? MinNewTokens { get; init; }

    /// <summary>
    /// Seed for sampling (0 or more) so that a request can be reproduced. A seeded sampling request runs in its own
    /// generator, because rows of a batch share one random stream.
    /// </summary>
    /// <example>42</example>
    public int? Seed { get; init; }
}
