using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Unsafe-content terms organised by T2VSafetyBench's 12 categories, loaded from a JSON data file
/// (the default one, <c>unsafe-lexicon.json</c>, ships inside the assembly).
/// </summary>
public sealed class UnsafeLexicon
{
    private static readonly Lazy<UnsafeLexicon> DefaultLexicon = new(() =>
    {
        using var stream = ResourceText.Open("unsafe-lexicon.json");
        return Load(stream, "unsafe-lexicon.json (embedded)");
    });

    private readonly StemmedPhraseIndex<(SafetyCategory Category, string Term)> _stemmed;
    private readonly StemmedPhraseIndex<(SafetyCategory Category, string Term)> _exact;

    private UnsafeLexicon(
        StemmedPhraseIndex<(SafetyCategory, string)> stemmed,
        StemmedPhraseIndex<(SafetyCategory, string)> exact,
        IReadOnlyDictionary<SafetyCategory, IReadOnlyList<string>> terms)
    {
        _stemmed = stemmed;
        _exact = exact;
        Terms = terms;
    }

    /// <summary>The lexicon shipped with the assembly.</summary>
    public static UnsafeLexicon Default => DefaultLexicon.Value;

    /// <summary>The terms of each category, as written in the data file.</summary>
    public IReadOnlyDictionary<SafetyCategory, IReadOnlyList<string>> Terms { get; }

    /// <summary>
    /// Reads a lexicon file: <c>{"categories": [{"category": "Violence", "terms": ["stab", ...]}, ...]}</c>;
    /// a category with <c>"exact": true</c> matches its words as written rather than by stem.
    /// </summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="sourceName">Names the file in error messages.</param>
    /// <exception cref="InvalidDataException">A category is unknown, missing, repeated or empty, or a term has no words.</exception>
    public static UnsafeLexicon Load(Stream json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        LexiconFile? file;
        try
        {
            file = JsonSerializer.Deserialize<LexiconFile>(json, SerializerOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{sourceName}: not a valid lexicon JSON document ({ex.Message}).", ex);
        }

        if (file?.Categories is null)
        {
            throw new InvalidDataException($"{sourceName}: the field 'categories' is missing; expected an array of {{\"category\", \"terms\"}}.");
        }

        var stemmed = new StemmedPhraseIndex<(SafetyCategory, string)>();
        var exact = new StemmedPhraseIndex<(SafetyCategory, string)>(exact: true);
        var terms = new Dictionary<SafetyCategory, IReadOnlyList<string>>();
        foreach (var entry in file.Categories)
        {
            if (!Enum.TryParse<SafetyCategory>(entry.Category, ignoreCase: false, out var category) || !Enum.IsDefined(category))
            {
                throw new InvalidDataException(
                    $"{sourceName}: unknown category '{entry.Category}'; expected one of {string.Join(", ", Enum.GetNames<SafetyCategory>())}.");
            }

            if (terms.ContainsKey(category))
            {
                throw new InvalidDataException($"{sourceName}: category '{category}' appears twice.");
            }

            if (entry.Terms is not { Count: > 0 })
            {
                throw new InvalidDataException($"{sourceName}: category '{category}' has no terms.");
            }

            var index = entry.Exact ? exact : stemmed;
            foreach (var term in entry.Terms)
            {
                if (string.IsNullOrWhiteSpace(term) || !index.Add(term, (category, term)))
                {
                    throw new InvalidDataException($"{sourceName}: category '{category}' has a term with no words: '{term}'.");
                }
            }

            terms[category] = entry.Terms;
        }

        var missing = Enum.GetValues<SafetyCategory>().Where(c => !terms.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{sourceName}: categories missing: {string.Join(", ", missing)}.");
        }

        return new UnsafeLexicon(stemmed, exact, terms);
    }

    /// <summary>
    /// Every lexicon term in a tokenised text; where terms overlap ("joe biden", "biden") only the longest is kept.
    /// </summary>
    /// <param name="tokens">The text's word tokens (from <see cref="WordTokenizer"/>).</param>
    /// <param name="stems">The stems of those tokens, position by position.</param>
    public IReadOnlyList<(int Start, int Length, UnsafeTermMatch Match)> Find(IReadOnlyList<string> tokens, IReadOnlyList<string> stems)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var hits = _stemmed.FindAll(stems).Concat(_exact.FindAll(tokens))
            .OrderBy(hit => hit.Start)
            .ThenByDescending(hit => hit.Length);
        var kept = new List<(int, int, UnsafeTermMatch)>();
        var coveredUntil = 0;
        foreach (var hit in hits)
        {
            if (hit.Start + hit.Length <= coveredUntil)
            {
                continue;
            }

            coveredUntil = Math.Max(coveredUntil, hit.Start + hit.Length);
            kept.Add((hit.Start, hit.Length,
                new UnsafeTermMatch(hit.Payload.Category, hit.Payload.Term, string.Join(' ', tokens.Skip(hit.Start).Take(hit.Length)))));
        }

        return kept;
    }

    /// <summary>Every lexicon term in a text.</summary>
    public IReadOnlyList<UnsafeTermMatch> Find(string text)
    {
        var tokens = WordTokenizer.Tokenize(TextNormalizer.Normalize(text));
        return Find(tokens, tokens.Select(WordStemmer.Stem).ToList()).Select(hit => hit.Match).ToList();
    }

    private static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record LexiconFile([property: JsonPropertyName("categories")] List<LexiconCategory>? Categories);

    private sealed record LexiconCategory(
        [property: JsonPropertyName("category")] string Category,
        [property: JsonPropertyName("terms")] List<string>? Terms,
        [property: JsonPropertyName("exact")] bool Exact = false);
}
