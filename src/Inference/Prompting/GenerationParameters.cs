namespace Vpo.Inference.Prompting;

/// <summary>
/// Video-generation settings a user wrote into a query as Midjourney-style flags (<c>-ar 16:9 -neg blurry -fps 24</c>),
/// so an app can pass them to its video model as parameters. Absent flags are <c>null</c>.
/// </summary>
/// <param name="AspectRatio">Aspect ratio as <c>width:height</c>, from <c>-ar</c> / <c>--ar</c> / <c>-aspect</c>.</param>
/// <param name="NegativePrompt">What the video must avoid, from <c>-neg</c> / <c>--no</c>, quotes removed.</param>
/// <param name="Fps">Frames per second, from <c>-fps</c>.</param>
/// <param name="Seed">The video model's seed, from <c>-seed</c> (video tools use 64-bit unsigned seeds).</param>
/// <param name="Motion">Motion strength, from <c>-motion</c>.</param>
/// <param name="GuidanceScale">Guidance scale, from <c>-gs</c> / <c>-guidance</c> / <c>-cfg</c>.</param>
/// <param name="Camera">Camera movement, from <c>-camera</c> / <c>-cam</c> (e.g. <c>zoom in</c>).</param>
/// <param name="Other">Any other flag, by lower-case name, with its text as written (empty for a bare flag).</param>
public sealed record GenerationParameters(
    string? AspectRatio,
    string? NegativePrompt,
    int? Fps,
    ulong? Seed,
    double? Motion,
    double? GuidanceScale,
    string? Camera,
    IReadOnlyDictionary<string, string> Other)
{
    /// <summary>No flags at all.</summary>
    public static GenerationParameters None { get; } = new(null, null, null, null, null, null, null, new Dictionary<string, string>());
}
