using System.Runtime.InteropServices;
using System.Text;

namespace Vpo.Training.Tokenization;

/// <summary>The distinct pre-tokens of a corpus with how often each occurs.</summary>
/// <param name="Counts">Pre-token text to occurrence count.</param>
/// <param name="Total">All pre-tokens seen.</param>
public sealed record PreTokenCounts(IReadOnlyDictionary<string, long> Counts, long Total);

/// <summary>
/// Splits corpus files with <see cref="PreTokenizerPattern"/> and counts each distinct piece, streaming
/// so that files larger than memory would still work.
/// </summary>
public static class PreTokenCounter
{
    private const int BlockSize = 1 << 20;

    /// <summary>Counts the pre-tokens of every file (read as UTF-8; a byte order mark is honoured).</summary>
    /// <param name="corpusFiles">Text files to read.</param>
    /// <param name="specialTokens">Strings that are never counted as text (they are added to the vocabulary separately).</param>
    /// <param name="cancellationToken">Stops reading between blocks.</param>
    public static async Task<PreTokenCounts> CountAsync(IEnumerable<string> corpusFiles, IReadOnlyList<string> specialTokens, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corpusFiles);
        ArgumentNullException.ThrowIfNull(specialTokens);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var total = 0L;
        var buffer = new char[BlockSize];
        var preTokenizer = new Llama3PreTokenizer(specialTokens);
        var specials = new HashSet<string>(specialTokens, StringComparer.Ordinal);
        foreach (var file in corpusFiles)
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { Options = FileOptions.SequentialScan | FileOptions.Asynchronous });
            var pending = new StringBuilder();
            int read;
            while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
            {
                pending.Append(buffer, 0, read);
                var text = pending.ToString();
                var cut = LastSafeCut(text);
                if (cut <= 0)
                {
                    continue;
                }
                total += CountBlock(text.AsSpan(0, cut), preTokenizer, specials, counts);
                pending.Clear().Append(text, cut, text.Length - cut);
            }
            total += CountBlock(pending.ToString(), preTokenizer, specials, counts);
        }
        return new PreTokenCounts(counts, total);
    }

    /// <summary>
    /// Where a block may end without changing the split: after a line feed followed by a non-whitespace
    /// character, or between a letter and a space. No alternative of the pattern matches across either
    /// boundary (line breaks end punctuation and whitespace runs, a letter run ends at the space, letters
    /// never take a line break as their prefix), and none looks ahead past it or behind it.
    /// </summary>
    private static int LastSafeCut(string text)
    {
        for (var i = text.Length - 1; i > 0; i--)
        {
            var before = text[i - 1];
            var after = text[i];
            if ((before == '\n' && !char.IsWhiteSpace(after)) || (after == ' ' && char.IsLetter(before)))
            {
                return i;
            }
        }
        return -1;
    }

    private static long CountBlock(ReadOnlySpan<char> block, Llama3PreTokenizer preTokenizer, HashSet<string> specials, Dictionary<string, long> counts)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var specialLookup = specials.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = 0L;
        foreach (var (offset, length) in preTokenizer.PreTokenize(block))
        {
            var piece = block.Slice(offset, length);
            // Special tokens in the corpus stay whole, as the encoder treats them, and are not learned from.
            if (specialLookup.Contains(piece))
            {
                continue;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(lookup, piece, out _)++;
            seen++;
        }
        return seen;
    }
}
