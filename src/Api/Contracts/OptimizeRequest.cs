using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts;

/// <summary>
/// A request to optimize one query (<c>query</c>) or several at once (<c>queries</c>, at most 32); give exactly one of
/// the two. Unknown fields are rejected so that a misspelt field is not silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OptimizeRequest
{
    /// <summary>
    /// The user's short query, as typed into a text-to-video app (at most 2,000 characters). Midjourney-style flags
    /// such as <c>-ar 16:9</c> or <c>-neg blurry</c> may be part of it; they are returned parsed in <c>generation</c>.
    /// </summary>
    /// <example>a corgi surfing a wave at sunset -ar 16:9 -motion 4</example>
    public string? Query { get; init; }

    /// <summary>Several queries to optimize in one call (1 to 32); results come back in the same order.</summary>
    /// <example>["a cat playing piano", "time-lapse of a city at night -fps 24"]</example>
    public IReadOnlyList<string?>? Queries { get; init; }

    /// <summary>Sampling options; any left out take the published defaults.</summary>
    public OptimizeOptions? Options { get; init; }
}
