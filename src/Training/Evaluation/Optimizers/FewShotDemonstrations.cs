using System.Text.Json;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// Example video prompts for Figure 7's three "Example" slots: a JSON array of strings. The default set
/// (<c>few-shot-demonstrations.json</c>) was written for this project in the style the principles ask for.
/// </summary>
public sealed class FewShotDemonstrations
{
    private readonly IReadOnlyList<string> _prompts;

    private FewShotDemonstrations(IReadOnlyList<string> prompts) => _prompts = prompts;

    /// <summary>The demonstrations shipped with the assembly.</summary>
    public static FewShotDemonstrations Default { get; } = Load(ResourceText.Open("few-shot-demonstrations.json"), "few-shot-demonstrations.json (embedded)");

    /// <summary>How many demonstrations there are.</summary>
    public int Count => _prompts.Count;

    /// <summary>Reads a JSON array of at least three non-empty prompts.</summary>
    /// <exception cref="InvalidDataException">The file is not such an array.</exception>
    public static FewShotDemonstrations Load(Stream json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<string>? prompts;
        try
        {
            prompts = JsonSerializer.Deserialize<List<string>>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: expected a JSON array of prompt strings ({ex.Message}).", ex);
        }

        if (prompts is null || prompts.Count < 3 || prompts.Any(string.IsNullOrWhiteSpace))
        {
            throw new InvalidDataException($"{sourceName}: expected a JSON array of at least 3 non-empty prompt strings.");
        }

        return new FewShotDemonstrations(prompts);
    }

    /// <summary>
    /// Three distinct demonstrations for a query, drawn with a generator seeded by <paramref name="seed"/> and the
    /// query, so a rerun (or a resumed run) sends the same examples.
    /// </summary>
    public IReadOnlyList<string> Pick(string query, int seed)
    {
        ArgumentNullException.ThrowIfNull(query);
        var random = new Random(unchecked(seed * 31 + StableHash(query)));
        return _prompts.OrderBy(_ => random.Next()).Take(3).ToList();
    }

    // string.GetHashCode is randomised per process; FNV-1a is stable across runs.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
