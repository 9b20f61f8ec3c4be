namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Finds phrases in a token stream by their stems, so a lexicon term or a <c>-neg</c> item matches
/// any inflection ("stab" finds "stabbing", "bad hand" finds "bad hands"); or, for names, by their exact
/// lower-case words ("Transformers" must not find "transformation").
/// </summary>
/// <typeparam name="T">What each phrase carries (its category, its original text).</typeparam>
/// <param name="exact">Match words as written instead of by stem; <see cref="FindAll"/> then takes tokens, not stems.</param>
public sealed class StemmedPhraseIndex<T>(bool exact = false)
{
    private readonly Dictionary<string, List<(string[] Stems, T Payload)>> _byFirstStem = new(StringComparer.Ordinal);

    /// <summary>How many phrases the index holds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a phrase; returns false when it has no word tokens.</summary>
    public bool Add(string phrase, T payload)
    {
        var tokens = WordTokenizer.Tokenize(TextNormalizer.Normalize(phrase));
        var stems = (exact ? tokens : tokens.Select(WordStemmer.Stem)).ToArray();
        if (stems.Length == 0)
        {
            return false;
        }

        if (!_byFirstStem.TryGetValue(stems[0], out var list))
        {
            list = [];
            _byFirstStem[stems[0]] = list;
        }

        list.Add((stems, payload));
        Count++;
        return true;
    }

    /// <summary>Every occurrence of every phrase in the stemmed (or, when exact, plain) token stream, as (start, length, payload).</summary>
    public IReadOnlyList<(int Start, int Length, T Payload)> FindAll(IReadOnlyList<string> stems)
    {
        ArgumentNullException.ThrowIfNull(stems);
        var found = new List<(int, int, T)>();
        for (var i = 0; i < stems.Count; i++)
        {
            if (!_byFirstStem.TryGetValue(stems[i], out var candidates))
            {
                continue;
            }

            foreach (var (phrase, payload) in candidates)
            {
                if (i + phrase.Length > stems.Count)
                {
                    continue;
                }

                var matches = true;
                for (var k = 1; k < phrase.Length && matches; k++)
                {
                    matches = string.Equals(stems[i + k], phrase[k], StringComparison.Ordinal);
                }

                if (matches)
                {
                    found.Add((i, phrase.Length, payload));
                }
            }
        }

        return found;
    }
}
