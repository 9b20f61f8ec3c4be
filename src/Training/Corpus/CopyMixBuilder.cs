using System.Text.RegularExpressions;

namespace Vpo.Training.Corpus;

/// <summary>
/// The copy mix: continued-pretraining text in which a large share of the tokens can only be predicted by copying
/// from earlier in the context. Each query written twice (its second line repeats the first), random-word spans
/// written twice (<c>span . span</c>) and plain corpus lines, shuffled, one document per paragraph. One epoch of it
/// taught the tied shipped base to copy (training/shipped/copying/), which SFT alone never did.
/// </summary>
public static partial class CopyMixBuilder
{
    /// <summary>The mix's documents, in shuffled order.</summary>
    /// <param name="queries">Training queries (the validation split already left out).</param>
    /// <param name="corpusLines">Lines of the pretraining corpus: the span words come from them, and some are kept.</param>
    /// <param name="settings">Sizes and seed.</param>
    public static (IReadOnlyList<string> Documents, int SpanVocabulary) Build(IReadOnlyList<string> queries, IReadOnlyList<string> corpusLines, CopyMixSettings settings)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(corpusLines);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var random = new Random(settings.Seed);
        var documents = new List<string>();
        foreach (var query in queries)
        {
            var line = OneLine(query);
            if (line.Length > 0)
            {
                documents.Add(line + "\n" + line);
            }
        }

        var nonBlank = corpusLines.Select(OneLine).Where(l => l.Length > 0).ToArray();
        // Uniform over distinct words, not over running text: rare words are the ones only copying can predict.
        var vocabulary = nonBlank.SelectMany(l => Word().Matches(l.ToLowerInvariant()).Select(m => m.Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (settings.Spans > 0 && vocabulary.Length == 0)
        {
            throw new ArgumentException("the corpus has no words of three or more letters to draw spans from.");
        }

        for (var i = 0; i < settings.Spans; i++)
        {
            var length = random.Next(settings.MinSpanWords, settings.MaxSpanWords + 1);
            var span = string.Join(' ', Enumerable.Range(0, length).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            documents.Add(span + " . " + span);
        }

        var picked = Enumerable.Range(0, nonBlank.Length).ToArray();
        random.Shuffle(picked);
        documents.AddRange(picked.Take(settings.CorpusLines).Order().Select(i => nonBlank[i]));
        var shuffled = documents.ToArray();
        random.Shuffle(shuffled);
        return (shuffled, vocabulary.Length);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex(@"(?<!\p{L})[a-z]{3,}(?!\p{L})")]
    private static partial Regex Word();
}
