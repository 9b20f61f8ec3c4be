using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class TokenizerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-tokenizer-command-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Trains_on_several_corpus_files_and_writes_the_tokenizer_folder()
    {
        var first = Path.Combine(_folder, "a.txt");
        var second = Path.Combine(_folder, "b.txt");
        await File.WriteAllTextAsync(first, string.Concat(Enumerable.Repeat("a cat walks at night. ", 200)), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(second, string.Concat(Enumerable.Repeat("a drone shot of waves. ", 200)), TestContext.Current.CancellationToken);
        var output = Path.Combine(_folder, "tokenizer");

        var (exitCode, stdout, _) = await VpoTrainInvocation.RunAsync("tokenizer", "--corpus", first, second, "--vocab-size", "280", "--min-frequency", "3", "--output", output);

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(output, "tokenizer.json")));
        Assert.True(File.Exists(Path.Combine(output, "tokenizer_config.json")));
        Assert.Contains("280 tokens", stdout);
    }

    [Fact]
    public async Task Stops_early_and_says_so_when_no_pair_reaches_the_minimum_frequency()
    {
        var corpus = Path.Combine(_folder, "a.txt");
        await File.WriteAllTextAsync(corpus, string.Concat(Enumerable.Repeat("a cat walks at night. ", 50)), TestContext.Current.CancellationToken);

        var (exitCode, stdout, _) = await VpoTrainInvocation.RunAsync("tokenizer", "--corpus", corpus, "--vocab-size", "5000", "--output", Path.Combine(_folder, "out"));

        // Five words and a full stop: once each is a single token no pair is left to merge.
        Assert.Equal(0, exitCode);
        Assert.Matches(@"tokenizer: 2\d\d tokens", stdout);
    }

    [Fact]
    public async Task Refuses_a_vocabulary_smaller_than_the_bytes_and_specials_with_a_clear_message()
    {
        var corpus = Path.Combine(_folder, "a.txt");
        await File.WriteAllTextAsync(corpus, "text", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("tokenizer", "--corpus", corpus, "--vocab-size", "100", "--output", Path.Combine(_folder, "out"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("vocab-size: 100 is too small; it must be at least 261", error);
    }

    [Fact]
    public async Task Refuses_an_empty_corpus_with_a_clear_message()
    {
        var corpus = Path.Combine(_folder, "empty.txt");
        await File.WriteAllTextAsync(corpus, "", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("tokenizer", "--corpus", corpus, "--vocab-size", "1000", "--output", Path.Combine(_folder, "out"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("corpus: the corpus files hold no text", error);
    }
}
