using System.Collections.Concurrent;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// English stems through Lucene.Net's Snowball (Porter2) stemmer, so "dogs running" and "a dog runs"
/// share their stems. Thread-safe: the Snowball program keeps state, so each thread has its own.
/// </summary>
public static class WordStemmer
{
    private static readonly ThreadLocal<EnglishStemmer> Stemmer = new(() => new EnglishStemmer());

    // The vocabulary of real queries and prompts is small, so caching stems saves most of the work.
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The stem of a lower-case word; words with digits are kept as they are.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3 || word.Any(char.IsDigit))
        {
            return word;
        }

        if (Cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var stemmer = Stemmer.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        if (Cache.Count < 200_000)
        {
            Cache.TryAdd(word, stem);
        }

        return stem;
    }
}
