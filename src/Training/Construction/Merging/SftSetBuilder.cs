using Vpo.Training.Construction.Critique;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// The principle-based SFT set: per query, the judge's refinement where the critique found the first prompt
/// misaligned, else the first prompt. A misaligned prompt whose refinement never came back well-formed is left out
/// (it is known to break a principle); a prompt whose critique never came back is kept, as the authors' script keeps
/// prompts whose critique it skipped.
/// </summary>
public static class SftSetBuilder
{
    /// <summary>The SFT examples, in the order of <paramref name="generated"/>, and what became of each prompt.</summary>
    public static (IReadOnlyList<SftExample> Examples, SftSetCounts Counts) Build(
        IEnumerable<GeneratedPrompt> generated, IEnumerable<CritiqueRecord> critiques, IEnumerable<RefinementRecord> refinements)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var critique in critiques ?? throw new ArgumentNullException(nameof(critiques)))
        {
            verdicts.TryAdd(critique.Key, critique.Aligned);
        }

        var refined = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var refinement in refinements ?? throw new ArgumentNullException(nameof(refinements)))
        {
            refined.TryAdd(refinement.Key, refinement.Refined);
        }

        var examples = new List<SftExample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int aligned = 0, replaced = 0, unjudged = 0, dropped = 0;
        foreach (var prompt in generated)
        {
            if (!seen.Add(prompt.Key))
            {
                continue;
            }

            if (!verdicts.TryGetValue(prompt.Key, out var isAligned))
            {
                unjudged++;
                examples.Add(new SftExample(prompt.Query, prompt.Prompt, false));
            }
            else if (isAligned)
            {
                aligned++;
                examples.Add(new SftExample(prompt.Query, prompt.Prompt, false));
            }
            else if (refined.TryGetValue(prompt.Key, out var better))
            {
                replaced++;
                examples.Add(new SftExample(prompt.Query, better, true));
            }
            else
            {
                dropped++;
            }
        }

        return (examples, new SftSetCounts(seen.Count, aligned, replaced, unjudged, dropped));
    }
}

/// <summary>What became of the generated prompts.</summary>
/// <param name="Generated">Distinct queries with a generated prompt.</param>
/// <param name="Aligned">Kept as generated: the judge found them aligned.</param>
/// <param name="Refined">Replaced by their refinement.</param>
/// <param name="Unjudged">Kept as generated: no critique with a verdict.</param>
/// <param name="Dropped">Left out: misaligned, and no usable refinement.</param>
public sealed record SftSetCounts(int Generated, int Aligned, int Refined, int Unjudged, int Dropped);
