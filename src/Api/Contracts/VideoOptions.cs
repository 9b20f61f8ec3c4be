using System.Text.Json.Serialization;

namespace Vpo.Api.Contracts;

/// <summary>
/// Video generation settings. Each backend maps them to its own fields (shown on the job as <c>backend_request</c>);
/// a setting the backend cannot honour (an aspect ratio it does not render) is refused with what it accepts, one it
/// has no field for (a seed on OpenAI's API) is not sent.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VideoOptions
{
    /// <summary>Aspect ratio as width:height (query flag <c>-ar</c>).</summary>
    /// <example>16:9</example>
    public string? AspectRatio { get; init; }

    /// <summary>What the video must avoid (query flag <c>-neg</c>), at most 2,000 characters.</summary>
    /// <example>blurry, text, watermark</example>
    public string? NegativePrompt { get; init; }

    /// <summary>Frames per second, 1 to 240 (query flag <c>-fps</c>).</summary>
    /// <example>8</example>
    public int? Fps { get; init; }

    /// <summary>The video model's seed, 0 or more (query flag <c>-seed</c>).</summary>
    /// <example>42</example>
    public ulong? Seed { get; init; }

    /// <summary>Classifier-free guidance scale, 0 to 100 (query flag <c>-gs</c>).</summary>
    /// <example>6</example>
    public double? GuidanceScale { get; init; }

    /// <summary>Frames to generate, 1 to 10,000 (CogVideoX: 49).</summary>
    /// <example>49</example>
    public int? NumFrames { get; init; }

    /// <summary>Clip length in seconds, 1 to 600 (OpenAI's API: 4, 8 or 12).</summary>
    /// <example>8</example>
    public int? Seconds { get; init; }
}
