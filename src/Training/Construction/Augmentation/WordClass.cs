namespace Vpo.Training.Construction.Augmentation;

/// <summary>
/// A crude part of speech read off the ending, so a swapped word keeps the grammar of the sentence it lands in
/// ("running" for "dancing", "cats" for "robots") without a tagger.
/// </summary>
public enum WordClass
{
    /// <summary>Any other ending: mostly nouns and adjectives.</summary>
    Other,

    /// <summary>Ends in -ing.</summary>
    Gerund,

    /// <summary>Ends in -ed.</summary>
    PastForm,

    /// <summary>Ends in -ly.</summary>
    Adverb,

    /// <summary>Ends in a single -s.</summary>
    Plural,
}

/// <summary>Finds the <see cref="WordClass"/> of a lower-case word.</summary>
public static class WordClasses
{
    /// <summary>The class of <paramref name="word"/>, by its ending.</summary>
    public static WordClass Of(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.EndsWith("ing", StringComparison.Ordinal))
        {
            return WordClass.Gerund;
        }

        if (word.EndsWith("ed", StringComparison.Ordinal))
        {
            return WordClass.PastForm;
        }

        if (word.EndsWith("ly", StringComparison.Ordinal))
        {
            return WordClass.Adverb;
        }

        return word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? WordClass.Plural : WordClass.Other;
    }
}
