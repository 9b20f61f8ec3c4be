using Vpo.Training.Data;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Data;

public sealed class SftDataReaderTests
{
    [Fact]
    public async Task Reads_every_record_with_its_line_number_skipping_blank_lines()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(path, """
            {"query": "a cat &amp; a dog -ar 16:9", "prompt": "A cat and a dog play."}

            {"query": "sunset", "prompt": "A golden sunset.", "extra": 3}
            """, TestContext.Current.CancellationToken);

        var records = await SftDataReader.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(2, records.Count);
        Assert.Equal(new SftRecord("a cat &amp; a dog -ar 16:9", "A cat and a dog play.", 1), records[0]);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public async Task A_missing_field_is_named_with_its_line()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(path, "{\"query\": \"a\", \"prompt\": \"b\"}\n{\"query\": \"sunset\"}\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => SftDataReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Line);
        Assert.Contains("sft.jsonl:2:", error.Message);
        Assert.Contains("missing required field \"prompt\"", error.Message);
    }

    [Fact]
    public async Task A_malformed_json_line_is_reported_with_its_line_number()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(path, "{\"query\": \"a\", \"prompt\": \"b\"}\n\n{\"query\": \"c\", \"prompt\": \"d\"\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => SftDataReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Line);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public async Task An_empty_file_is_rejected()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(path, "\n  \n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => SftDataReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains("no records", error.Message);
    }

    [Theory]
    [InlineData("{\"query\": 5, \"prompt\": \"b\"}", "field \"query\" must be a string, got Number")]
    [InlineData("{\"query\": \"  \", \"prompt\": \"b\"}", "field \"query\" is empty")]
    [InlineData("[\"query\", \"prompt\"]", "expected a JSON object, got Array")]
    [InlineData("{\"query\": null, \"prompt\": \"b\"}", "missing required field \"query\"")]
    public async Task Wrongly_typed_fields_are_explained(string line, string expected)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(path, line, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TrainingDataException>(() => SftDataReader.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var error = await Assert.ThrowsAsync<TrainingDataException>(() => SftDataReader.ReadAsync("/nonexistent/sft.jsonl", TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/sft.jsonl", error.Message);
        Assert.Contains("not found", error.Message);
    }
}
