using Vpo.Training.Data;
using Vpo.Training.Tests.Construction;

namespace Vpo.Training.Tests.Data;

public sealed class QueryListReaderTests
{
    [Fact]
    public async Task Reads_a_json_array_of_strings_or_query_objects()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("q.json"), """["a cat", {"query": "a dog"}]""", TestContext.Current.CancellationToken);

        var queries = await QueryListReader.ReadAsync(folder.File("q.json"), TestContext.Current.CancellationToken);

        Assert.Equal(["a cat", "a dog"], queries);
    }

    [Fact]
    public async Task Reads_json_lines_and_skips_blank_lines()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("q.jsonl"), "\"a cat\"\n\n{\"query\": \"a dog\", \"id\": 3}\n", TestContext.Current.CancellationToken);

        var queries = await QueryListReader.ReadAsync(folder.File("q.jsonl"), TestContext.Current.CancellationToken);

        Assert.Equal(["a cat", "a dog"], queries);
    }

    [Fact]
    public async Task A_bad_line_is_reported_with_its_number()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("q.jsonl"), "\"a cat\"\n{\"text\": \"a dog\"}\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QueryListReader.ReadAsync(folder.File("q.jsonl"), TestContext.Current.CancellationToken));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("'query'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_array_element_that_is_not_a_query_is_named_by_position()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("q.json"), "[\"fine\", 42]", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QueryListReader.ReadAsync(folder.File("q.json"), TestContext.Current.CancellationToken));

        Assert.Contains("element 1 is Number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_torn_last_line_of_a_file_being_appended_to_is_skipped_but_a_torn_middle_line_is_an_error()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("done.jsonl"), "{\"query\": \"a cat\"}\n{\"query\": \"a do", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(folder.File("bad.jsonl"), "{\"query\": \"a do\n{\"query\": \"a cat\"}\n", TestContext.Current.CancellationToken);

        Assert.Equal(["a cat"], await QueryListReader.ReadAsync(folder.File("done.jsonl"), TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => QueryListReader.ReadAsync(folder.File("bad.jsonl"), TestContext.Current.CancellationToken));
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_files_are_read_in_order_and_a_missing_one_is_named()
    {
        using var folder = new TestFolder();
        await File.WriteAllTextAsync(folder.File("a.json"), "[\"one\"]", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(folder.File("b.jsonl"), "\"two\"\n", TestContext.Current.CancellationToken);

        Assert.Equal(["one", "two"], await QueryListReader.ReadAllAsync([folder.File("a.json"), folder.File("b.jsonl")], TestContext.Current.CancellationToken));
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => QueryListReader.ReadAllAsync([folder.File("a.json"), folder.File("none.json")], TestContext.Current.CancellationToken));
        Assert.Contains("none.json", error.Message, StringComparison.Ordinal);
    }
}
