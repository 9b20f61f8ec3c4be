using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Tests.Construction.Stages;

public sealed class JsonlAppenderTests
{
    [Fact]
    public async Task Concurrent_appends_write_whole_lines_only()
    {
        using var folder = new TestFolder();
        var path = folder.File("records.jsonl");
        await using (var appender = await JsonlAppender.OpenAsync(path, CancellationToken.None))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), async (i, token) =>
                await appender.AppendAsync(new CritiqueRecord($"k{i}", $"q{i}", new string('p', 500 + i), null, "c", i % 2 == 0), token));
        }

        var records = await JsonlReader.ReadAllAsync<CritiqueRecord>(path, CancellationToken.None);
        Assert.Equal(200, records.Select(r => r.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_bad_line_in_the_middle_is_an_error_naming_the_line()
    {
        using var folder = new TestFolder();
        var path = folder.File("records.jsonl");
        File.WriteAllText(path, "{\"key\":\"a\",\"query\":\"q\"}\nnot json\n{\"key\":\"b\",\"query\":\"q\"}\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => JsonlReader.ReadAllAsync<Vpo.Training.Construction.Curation.QueryRecord>(path, CancellationToken.None));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
