using System.Text.Json;
using Vpo.Training.Corpus;

namespace Vpo.Training.Tests.Corpus;

public sealed class CorpusWriterTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vpo-corpus-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Corpus_keeps_queries_verbatim_and_leaves_out_the_validation_split()
    {
        var queries = Write("q.json", JsonSerializer.Serialize(new[] { "a 1930&#39;s scene -ar 16:9", "held out query", "panda\nas a bus driver" }));
        var holdout = Write("v.json", JsonSerializer.Serialize(new[] { "held out query" }));
        var sft = Write("s.jsonl", "{\"query\": \"x\", \"prompt\": \"A written prompt.\"}\n\n");
        var output = Path.Combine(folder, "corpus.txt");

        var counts = await CorpusWriter.WriteAsync(new CorpusSources([queries], [holdout], [sft], [], null), output, TestContext.Current.CancellationToken);

        Assert.Equal(["a 1930&#39;s scene -ar 16:9", "panda as a bus driver", "A written prompt."], File.ReadAllLines(output));
        Assert.Equal(new CorpusCounts(2, 1, 1, 0, 0), counts);
    }

    [Fact]
    public async Task A_malformed_sft_line_is_reported_with_its_line_number_and_no_corpus_is_left()
    {
        var sft = Write("s.jsonl", "{\"prompt\": \"ok\"}\n{\"prompt\": \"broken\"\n");
        var output = Path.Combine(folder, "corpus.txt");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => CorpusWriter.WriteAsync(new CorpusSources([], [], [sft], [], null), output, TestContext.Current.CancellationToken));

        Assert.Contains("s.jsonl:2", error.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Holdout_takes_every_nth_query_by_position()
    {
        var queries = Enumerable.Range(0, 10).Select(i => $"q{i}").ToArray();

        var (validation, rest) = HoldoutSplit.Split(queries, 4);

        Assert.Equal(["q0", "q4", "q8"], validation);
        Assert.Equal(7, rest.Count);
        Assert.Empty(validation.Intersect(rest));
    }
}
