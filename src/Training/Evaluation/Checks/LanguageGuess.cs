namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Whether a text is English, from its script and its function words. A statistical detector (Lingua) was
/// measured here first: its high-accuracy models take ~12 s and ~390 MB to load and ~8 ms per prompt, and its
/// low-accuracy mode called "a dog runs on the beach at sunset" German, so this cheap rule is used instead.
/// </summary>
public static class LanguageGuess
{
    private static readonly IReadOnlySet<string> EnglishWords = ResourceText.ReadWordList("english-stop-words.txt");
    private static readonly IReadOnlySet<string> ForeignWords = ResourceText.ReadWordList("foreign-function-words.txt");

    /// <summary>The English function words (also the stop words of the coverage check).</summary>
    public static IReadOnlySet<string> EnglishFunctionWords => EnglishWords;

    /// <summary>Share of letters outside the Latin script (0 when the text has no letters).</summary>
    public static double NonLatinLetterShare(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int letters = 0, nonLatin = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            if (!IsLatin(c))
            {
                nonLatin++;
            }
        }

        return letters == 0 ? 0 : (double)nonLatin / letters;
    }

    /// <summary>
    /// True unless the text is mostly in another script, or its function words are those of another
    /// European language rather than English ("un perro corriendo en la playa").
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="tokens">Its word tokens.</param>
    /// <param name="maxNonLatinLetterShare">Above this share of non-Latin letters the text is not English.</param>
    public static bool IsEnglish(string text, IReadOnlyList<string> tokens, double maxNonLatinLetterShare)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (NonLatinLetterShare(text) > maxNonLatinLetterShare)
        {
            return false;
        }

        int english = 0, foreign = 0;
        foreach (var token in tokens)
        {
            if (EnglishWords.Contains(token))
            {
                english++;
            }
            else if (ForeignWords.Contains(token))
            {
                foreign++;
            }
        }

        return !(foreign >= 2 && foreign > english);
    }

    private static bool IsLatin(char c) =>
        c <= '\u024F' || (c >= '\u1E00' && c <= '\u1EFF') || (c >= '\uFF21' && c <= '\uFF5A');
}
