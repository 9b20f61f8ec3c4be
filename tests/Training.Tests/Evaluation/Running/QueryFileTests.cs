using Vpo.Training.Evaluation.Running;

namespace Vpo.Training.Tests.Evaluation.Running;

public sealed class QueryFileTests
{
    [Fact]
    public async Task Reads_a_json_array_of_strings_or_query_objects()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("q.json"), """["a cat", {"query": "a dog"}]""", TestContext.Current.CancellationToken);

        var queries = await QueryFile.ReadAsync(folder.File("q.json"), TestContext.Current.CancellationToken);

        Assert.Equal(["a cat", "a dog"], queries);
    }

    [Fact]
    public async Task Reads_json_lines_and_skips_blank_lines()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("q.jsonl"), "\"a cat\"\n\n{\"query\": \"a dog\", \"id\": 3}\n", TestContext.Current.CancellationToken);

        var queries = await QueryFile.ReadAsync(folder.File("q.jsonl"), TestContext.Current.CancellationToken);

        Assert.Equal(["a cat", "a dog"], queries);
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("q.jsonl"), "\"a cat\"\n{\"text\": \"a dog\"}\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QueryFile.ReadAsync(folder.File("q.jsonl"), TestContext.Current.CancellationToken));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_takes_the_first_queries_and_a_seed_a_reproducible_sample_keeping_positions()
    {
        var queries = Enumerable.Range(0, 100).Select(i => $"q{i}").ToList();

        Assert.Equal([0, 1, 2], QueryFile.Select(queries, 3, null).Select(i => i.Index));
        var sample = QueryFile.Select(queries, 5, 42);
        Assert.Equal(sample, QueryFile.Select(queries, 5, 42));
        Assert.NotEqual(sample.Select(i => i.Index), QueryFile.Select(queries, 5, 43).Select(i => i.Index));
        Assert.All(sample, item => Assert.Equal($"q{item.Index}", item.Query));
    }
}
