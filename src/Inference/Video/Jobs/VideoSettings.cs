using Vpo.Inference.Video.Backends;

namespace Vpo.Inference.Video.Jobs;

/// <summary>A job's generation settings before the prompt is known: the request's options over the query's flags.</summary>
/// <param name="NegativePrompt">What the video must avoid.</param>
/// <param name="AspectRatio">Width:height.</param>
/// <param name="Fps">Frames per second.</param>
/// <param name="Seed">The video model's seed.</param>
/// <param name="GuidanceScale">Guidance scale.</param>
/// <param name="NumFrames">Frames to generate.</param>
/// <param name="Seconds">Clip length in seconds.</param>
public sealed record VideoSettings(
    string? NegativePrompt = null,
    string? AspectRatio = null,
    int? Fps = null,
    ulong? Seed = null,
    double? GuidanceScale = null,
    int? NumFrames = null,
    int? Seconds = null)
{
    /// <summary>The backend request for <paramref name="prompt"/> with these settings.</summary>
    public VideoParameters WithPrompt(string prompt) =>
        new(prompt, NegativePrompt, AspectRatio, Fps, Seed, GuidanceScale, NumFrames, Seconds);
}
