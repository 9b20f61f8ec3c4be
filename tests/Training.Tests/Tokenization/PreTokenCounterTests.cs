using System.Text;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class PreTokenCounterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-pretokens-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Counts_a_file_larger_than_one_read_block_as_if_split_whole()
    {
        // About 3 MB with long lines, blank lines, runs of spaces, CJK and emoji, so blocks end mid-line.
        var random = new Random(3);
        string[] words = ["The", "quick", "brown", "fox", "东京", "🎥", "it's", "  ", "2025", "--ar 16:9", "&amp;", "\n", "\n\n", "\r\n"];
        var text = new StringBuilder();
        while (text.Length < 3_000_000)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        }
        var path = Path.Combine(_folder, "corpus.txt");
        await File.WriteAllTextAsync(path, text.ToString(), TestContext.Current.CancellationToken);

        var counted = await PreTokenCounter.CountAsync([path], SpecialTokenNames.All, TestContext.Current.CancellationToken);

        var source = text.ToString();
        var pieces = new List<(int Offset, int Length)>();
        PreTokenizerPattern.Split(source, pieces);
        var expected = pieces.GroupBy(piece => source.Substring(piece.Offset, piece.Length)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(pieces.Count, counted.Total);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), counted.Counts.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Special_tokens_in_the_corpus_are_not_counted_as_text()
    {
        var path = Path.Combine(_folder, "chat.txt");
        await File.WriteAllTextAsync(path, "hello<|eot_id|>hello<|begin_of_text|>", TestContext.Current.CancellationToken);

        var counted = await PreTokenCounter.CountAsync([path], SpecialTokenNames.All, TestContext.Current.CancellationToken);

        Assert.Equal(2, counted.Total);
        Assert.Equal(2, counted.Counts["hello"]);
        Assert.Single(counted.Counts);
    }
}
