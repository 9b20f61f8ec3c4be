namespace Vpo.Inference.Video.Backends;

/// <summary>
/// What one video job asks its backend for: the optimized prompt and the generation settings, from the request's
/// options or else the query's flags (<c>-ar</c>, <c>-neg</c>, <c>-fps</c>, <c>-seed</c>, <c>-gs</c>). Absent settings
/// are null and take the backend's defaults; each backend maps them to its own fields.
/// </summary>
/// <param name="Prompt">The prompt to render (the optimizer's answer).</param>
/// <param name="NegativePrompt">What the video must avoid.</param>
/// <param name="AspectRatio">Width:height, e.g. <c>16:9</c>.</param>
/// <param name="Fps">Frames per second.</param>
/// <param name="Seed">The video model's seed.</param>
/// <param name="GuidanceScale">Classifier-free guidance scale.</param>
/// <param name="NumFrames">Frames to generate.</param>
/// <param name="Seconds">Clip length in seconds.</param>
public sealed record VideoParameters(
    string Prompt,
    string? NegativePrompt = null,
    string? AspectRatio = null,
    int? Fps = null,
    ulong? Seed = null,
    double? GuidanceScale = null,
    int? NumFrames = null,
    int? Seconds = null);
