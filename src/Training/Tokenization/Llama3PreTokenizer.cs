using Microsoft.ML.Tokenizers;

namespace Vpo.Training.Tokenization;

/// <summary>
/// Microsoft.ML.Tokenizers pre-tokenizer for the Llama 3 split: special tokens become pieces of their own
/// (leftmost first, longest on a tie), the text between them is split by <see cref="PreTokenizerPattern"/>.
/// </summary>
public sealed class Llama3PreTokenizer : PreTokenizer
{
    private readonly string[] _specialTokens;

    /// <summary>Creates the pre-tokenizer; <paramref name="specialTokens"/> are kept whole wherever they occur.</summary>
    public Llama3PreTokenizer(IEnumerable<string> specialTokens)
    {
        ArgumentNullException.ThrowIfNull(specialTokens);
        _specialTokens = specialTokens.Where(token => token.Length > 0).OrderByDescending(token => token.Length).ToArray();
    }

    /// <inheritdoc/>
    public override IEnumerable<(int Offset, int Length)> PreTokenize(string text) =>
        text is null ? [] : Split(text.AsSpan());

    /// <inheritdoc/>
    public override IEnumerable<(int Offset, int Length)> PreTokenize(ReadOnlySpan<char> text) => Split(text);

    private List<(int Offset, int Length)> Split(ReadOnlySpan<char> text)
    {
        var pieces = new List<(int Offset, int Length)>();
        var done = 0;
        while (done < text.Length)
        {
            var (at, length) = FindSpecial(text[done..]);
            var end = at < 0 ? text.Length : done + at;
            var first = pieces.Count;
            PreTokenizerPattern.Split(text[done..end], pieces);
            for (var i = first; i < pieces.Count; i++)
            {
                pieces[i] = (pieces[i].Offset + done, pieces[i].Length);
            }
            if (at < 0)
            {
                break;
            }
            pieces.Add((end, length));
            done = end + length;
        }
        return pieces;
    }

    private (int At, int Length) FindSpecial(ReadOnlySpan<char> text)
    {
        var found = (At: -1, Length: 0);
        // Longest tokens come first, so on equal positions the longest wins.
        foreach (var token in _specialTokens)
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0 && (found.At < 0 || at < found.At))
            {
                found = (at, token.Length);
            }
        }
        return found;
    }
}
