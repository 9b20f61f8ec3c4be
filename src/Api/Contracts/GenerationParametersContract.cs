namespace Vpo.Api.Contracts;

/// <summary>
/// Video-generation settings found as flags in the query (<c>-ar</c>, <c>-neg</c>, <c>-fps</c>, <c>-seed</c>,
/// <c>-motion</c>, <c>-gs</c>, <c>-camera</c> and others), for the app to pass to its video model. Absent flags are
/// left out.
/// </summary>
public sealed record GenerationParametersContract
{
    /// <summary>Aspect ratio as width:height (<c>-ar 16:9</c>, <c>--ar 9:16</c>).</summary>
    /// <example>16:9</example>
    public string? AspectRatio { get; init; }

    /// <summary>What the video must avoid (<c>-neg blurry, text</c>).</summary>
    /// <example>blurry, text</example>
    public string? NegativePrompt { get; init; }

    /// <summary>Frames per second (<c>-fps 24</c>).</summary>
    /// <example>24</example>
    public int? Fps { get; init; }

    /// <summary>The video model's seed (<c>-seed 42</c>); not the optimizer's seed.</summary>
    /// <example>42</example>
    public ulong? Seed { get; init; }

    /// <summary>Motion strength (<c>-motion 4</c>).</summary>
    /// <example>4</example>
    public double? Motion { get; init; }

    /// <summary>Guidance scale (<c>-gs 24</c>).</summary>
    /// <example>24</example>
    public double? GuidanceScale { get; init; }

    /// <summary>Camera movement (<c>-camera zoom in</c>).</summary>
    /// <example>zoom in</example>
    public string? Camera { get; init; }

    /// <summary>Other flags by lower-case name, with their text as written (empty for a bare flag such as <c>-hide</c>).</summary>
    public IReadOnlyDictionary<string, string>? Other { get; init; }
}
