namespace Vpo.Training.Construction.Augmentation;

/// <summary>
/// A crude part of speech read off the ending, so a swapped word keeps the grammar of the sentence it lands in
/// ("running" for "dancing", "cats" for "robots") without a tagger.
/// </summary>
public enum WordClass
{
    Other,
    Gerund,
    PastForm,
    Adverb,
    Plural,
}

/// <summary>Finds the <see cref="WordClass"/> of a lower-case word.</summary>
public static class WordClasses
{
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
