using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts;

/// <summary>
/// A request to make a video: the query is optimized into a video prompt, which the backend renders with the
/// options (or, where an option is left out, the query's flags such as <c>-ar 16:9</c>). Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateVideoRequest
{
    /// <summary>The user's short query (at most 2,000 characters), flags included.</summary>
    /// <example>a corgi surfing a wave at sunset -ar 16:9 -neg blurry</example>
    public string? Query { get; init; }

    /// <summary>The backend's name, as listed by <c>GET /videos/backends</c>; the first configured backend when left out.</summary>
    /// <example>cogvideox</example>
    public string? Backend { get; init; }

    /// <summary>Generation settings; each one left out is taken from the query's flags, else the backend's default.</summary>
    public VideoOptions? Options { get; init; }

    /// <summary>How the optimizer samples the prompt (as in <c>POST /optimize</c>); the published defaults when left out.</summary>
    public OptimizeOptions? Optimizer { get; init; }
}
