using Vpo.Training.Data;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Data;

public sealed class PreferenceDataReaderTests
{
    [Fact]
    public async Task Reads_pairs_with_their_source_and_ignores_extra_fields()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("pairs.jsonl");
        await File.WriteAllTextAsync(path, """
            {"query": "q1", "chosen": "good", "rejected": "bad", "source": "text", "critique": "..."}
            {"query": "q2", "chosen": "sharp", "rejected": "blurry", "source": "video", "score_gap": 0.7}
            """, TestContext.Current.CancellationToken);

        var records = await PreferenceDataReader.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal([PreferenceSource.Text, PreferenceSource.Video], records.Select(r => r.Source));
        Assert.Equal(new PreferenceRecord("q2", "sharp", "blurry", PreferenceSource.Video, 2), records[1]);
    }

    [Theory]
    [InlineData("{\"query\": \"q\", \"chosen\": \"a\", \"source\": \"text\"}", "missing required field \"rejected\"")]
    [InlineData("{\"query\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\"}", "missing required field \"source\"")]
    [InlineData("{\"query\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\", \"source\": \"audio\"}", "\"source\" must be \"text\" or \"video\", got \"audio\"")]
    [InlineData("{\"query\": \"q\", \"chosen\": \"a\", \"rejected\": \"a\", \"source\": \"text\"}", "identical")]
    public async Task Bad_pairs_are_explained_with_their_line(string line, string expected)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("pairs.jsonl");
        await File.WriteAllTextAsync(path, "{\"query\": \"q\", \"chosen\": \"a\", \"rejected\": \"b\", \"source\": \"text\"}\n" + line, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => PreferenceDataReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Line);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("pairs.jsonl");
        await File.WriteAllTextAsync(path, "", TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<TrainingDataException>(() => PreferenceDataReader.ReadAsync(path, TestContext.Current.CancellationToken));
        Assert.Contains("no records", error.Message);
    }
}
