namespace Vpo.Inference.Prompting;

/// <summary>The flag names users write, with what each asks for and which video setting it is.</summary>
internal static class QueryFlagNames
{
    // The settings GenerationParameters carries, under every spelling users write for them.
    private static readonly Dictionary<string, string> Settings = new(StringComparer.Ordinal)
    {
        ["ar"] = "ar", ["aspect"] = "ar", ["aspect_ratio"] = "ar",
        ["neg"] = "neg", ["negative"] = "neg", ["negative_prompt"] = "neg", ["no"] = "neg", ["nge"] = "neg", ["ng"] = "neg",
        ["fps"] = "fps",
        ["seed"] = "seed",
        ["motion"] = "motion",
        ["gs"] = "gs", ["guidance"] = "gs", ["guidance_scale"] = "gs", ["cfg"] = "gs",
        ["camera"] = "camera", ["cam"] = "camera",
    };

    // Format settings of Midjourney, Pika, Gen-2 and similar tools; their values are numbers or a single word.
    private static readonly HashSet<string> FormatNames = new(StringComparer.Ordinal)
    {
        "ar", "aspect", "aspect_ratio", "fps", "seed", "motion", "m", "gs", "guidance", "guidance_scale", "s", "stylize",
        "v", "version", "q", "quality", "chaos", "c", "iw", "w", "size", "tile", "niji", "hide", "style", "r", "repeat",
        "weird", "cfg",
    };

    // Format flags whose value may be a word rather than a number (--style raw, --niji 5).
    private static readonly HashSet<string> WordValuedNames = new(StringComparer.Ordinal) { "style", "niji" };

    /// <summary>The setting a lower-case flag name stands for (<c>ar</c>, <c>neg</c>, <c>fps</c>, <c>seed</c>,
    /// <c>motion</c>, <c>gs</c>, <c>camera</c>), or <c>null</c> for any other name.</summary>
    public static string? Setting(string name) => Settings.GetValueOrDefault(name);

    /// <summary>What a lower-case flag name asks for.</summary>
    public static QueryFlagKind KindOf(string name) =>
        Setting(name) == "neg" ? QueryFlagKind.Negative
        : FormatNames.Contains(name) ? QueryFlagKind.Format
        : QueryFlagKind.Constraint;

    /// <summary>Whether a format flag's value may be a word (<c>--style raw</c>).</summary>
    public static bool TakesWord(string name) => WordValuedNames.Contains(name);
}
