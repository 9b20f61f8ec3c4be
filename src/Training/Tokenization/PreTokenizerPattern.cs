using System.Globalization;
using System.Text.RegularExpressions;

namespace Vpo.Training.Tokenization;

/// <summary>
/// The Llama 3 / GPT-4 pre-tokenization split: contractions, runs of letters (with one leading
/// non-letter such as a space), numbers in groups of one to three digits, punctuation runs, and
/// whitespace. BPE merges never cross the pieces it produces.
/// </summary>
public static class PreTokenizerPattern
{
    /// <summary>The pattern exactly as Llama 3's <c>tokenizer.json</c> spells it; it is what we write to the file.</summary>
    public const string Llama3 =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    // Stand-ins for astral code points, one BMP character of the same class each: a letter with no case
    // partner (so the case-insensitive contractions cannot take it), a number, and a symbol.
    private const char LetterStandIn = '\u00AA';
    private const char NumberStandIn = '\u00B2';
    private const char OtherStandIn = '\u00A6';

    private static readonly Regex Regex = new(Llama3, RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>
    /// Appends the pieces of <paramref name="text"/> (offset and length in UTF-16 units), splitting it
    /// exactly where Hugging Face and ONNX Runtime GenAI split its code points.
    /// </summary>
    /// <remarks>
    /// Those match the pattern on code points, but .NET matches UTF-16 units, where an emoji or a letter
    /// outside the Basic Multilingual Plane is two surrogates of category Cs: "😂abc" would split as
    /// "😂" + "abc" instead of staying one piece, and "𝓗𝓮𝓵𝓵𝓸" would not be letters. So text with
    /// surrogate pairs is matched through a copy in which each pair is one stand-in character of the
    /// same class (letter, number or other), and the pieces are mapped back. Spelling the astral classes
    /// out in the regex instead made it so large that the JIT stopped optimising it (six times slower).
    /// </remarks>
    public static void Split(ReadOnlySpan<char> text, List<(int Offset, int Length)> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (text.IndexOfAnyInRange('\uD800', '\uDBFF') < 0)
        {
            foreach (var match in Regex.EnumerateMatches(text))
            {
                pieces.Add((match.Index, match.Length));
            }
            return;
        }

        var standIns = new char[text.Length];
        var originalIndex = new int[text.Length + 1];
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            originalIndex[length] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                standIns[length++] = StandIn(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                standIns[length++] = text[i];
            }
        }
        originalIndex[length] = text.Length;
        foreach (var match in Regex.EnumerateMatches(standIns.AsSpan(0, length)))
        {
            var start = originalIndex[match.Index];
            pieces.Add((start, originalIndex[match.Index + match.Length] - start));
        }
    }

    private static char StandIn(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => LetterStandIn,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => NumberStandIn,
        _ => OtherStandIn,
    };
}
