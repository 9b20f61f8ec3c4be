using System.Text.Json;
using Vpo.Training.Data;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class CopyMixCommandTests
{
    [Fact]
    public async Task Copy_mix_writes_a_corpus_pretraining_reads_without_the_held_out_queries()
    {
        using var folder = new TemporaryDirectory();
        var cancellationToken = TestContext.Current.CancellationToken;
        var queries = folder.Combine("queries.json");
        var validation = folder.Combine("validation.json");
        var corpus = folder.Combine("corpus.txt");
        var output = folder.Combine("mix.txt");
        await File.WriteAllTextAsync(queries, JsonSerializer.Serialize(new[] { "a cat on a skateboard", "a sunset over the harbor", "a cat on a skateboard" }), cancellationToken);
        await File.WriteAllTextAsync(validation, JsonSerializer.Serialize(new[] { "a sunset over the harbor" }), cancellationToken);
        await File.WriteAllLinesAsync(corpus, ["The jury praised the election.", "A lantern floats down the river at dusk."], cancellationToken);

        var (exitCode, text, error) = await VpoTrainInvocation.RunAsync("copy-mix", "--queries", queries, "--exclude-queries", validation, "--corpus", corpus,
            "--spans", "5", "--corpus-lines", "1", "--output", output);

        Assert.True(exitCode == 0, error);
        var mix = await File.ReadAllTextAsync(output, cancellationToken);
        var documents = mix.Split("\n\n");
        Assert.Equal(7, documents.Length);
        Assert.Contains("a cat on a skateboard\na cat on a skateboard", documents);
        Assert.DoesNotContain("sunset", mix, StringComparison.Ordinal);
        Assert.Contains("1 queries written twice, 1 held out; 5 spans", text, StringComparison.Ordinal);
        Assert.Single(await PlainTextCorpusReader.ReadDocumentsAsync([output], cancellationToken));
    }

    [Fact]
    public async Task Copy_mix_with_a_missing_corpus_fails_with_exit_code_2_naming_it()
    {
        using var folder = new TemporaryDirectory();
        var queries = folder.Combine("queries.json");
        await File.WriteAllTextAsync(queries, "[\"a cat\"]", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("copy-mix", "--queries", queries, "--corpus", folder.Combine("absent.txt"), "--output", folder.Combine("mix.txt"));

        Assert.Equal(2, exitCode);
        Assert.Contains("absent.txt", error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("mix.txt")));
    }
}
