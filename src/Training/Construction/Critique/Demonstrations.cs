using System.Text.Json;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Critique;

/// <summary>
/// Example video prompts for Figure 7's three "Example" slots, read from JSONL files of hand-written pairs
/// (<c>{"query": ..., "prompt": ...}</c>, e.g. <c>data/seed-sft/*.jsonl</c>). Each query gets three distinct
/// examples drawn by a generator seeded with the run's seed and the query, so a resumed run sends the same ones.
/// </summary>
public sealed class Demonstrations
{
    private readonly IReadOnlyList<string> _prompts;

    /// <summary>Wraps at least three distinct prompts.</summary>
    /// <exception cref="ArgumentException">Fewer than three distinct non-empty prompts.</exception>
    public Demonstrations(IEnumerable<string> prompts)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        _prompts = prompts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (_prompts.Count < 3)
        {
            throw new ArgumentException($"Figure 7 needs three example prompts; only {_prompts.Count} distinct non-empty ones were given.", nameof(prompts));
        }
    }

    /// <summary>How many prompts there are to draw from.</summary>
    public int Count => _prompts.Count;

    /// <summary>The prompt at <paramref name="index"/>.</summary>
    public string this[int index] => _prompts[index];

    /// <summary>Reads the <c>prompt</c> field of every line of the given JSONL files.</summary>
    /// <exception cref="InvalidDataException">A line is not an object with a string <c>prompt</c>.</exception>
    public static async Task<Demonstrations> LoadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var prompts = new List<string>();
        foreach (var path in paths)
        {
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    using var document = JsonDocument.Parse(line);
                    if (document.RootElement.ValueKind != JsonValueKind.Object
                        || !document.RootElement.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
                    {
                        throw new InvalidDataException($"{path}, line {lineNumber}: expected an object with a string \"prompt\".");
                    }

                    prompts.Add(prompt.GetString()!);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"{path}, line {lineNumber}: not JSON ({ex.Message}).", ex);
                }
            }
        }

        try
        {
            return new Demonstrations(prompts);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"demonstrations ({string.Join(", ", paths)}): {ex.Message}", ex);
        }
    }

    /// <summary>The indices of the three examples for <paramref name="query"/>.</summary>
    public IReadOnlyList<int> Pick(string query, int seed)
    {
        var random = new Random(unchecked((int)QueryKey.Hash(query) ^ (seed * 486187739)));
        var picked = new List<int>(3);
        while (picked.Count < 3)
        {
            var index = random.Next(_prompts.Count);
            if (!picked.Contains(index))
            {
                picked.Add(index);
            }
        }

        return picked;
    }
}
