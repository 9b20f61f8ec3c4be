using System.Text.Json;
using Vpo.Training.Tests.Evaluation;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class ProbeCopyingCommandTests
{
    [Fact]
    public async Task Probe_copying_reports_both_occurrence_losses_of_real_queries()
    {
        using var folder = new TemporaryDirectory();
        var model = SavedTinyModel.Save(folder);
        var texts = folder.Combine("queries.json");
        var queries = RealQueries.Sft.Take(30).ToArray();
        await File.WriteAllTextAsync(texts, JsonSerializer.Serialize(queries), TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await VpoTrainInvocation.RunAsync("probe-copying", "--model", model, "--texts", texts, "--limit", "10");

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"^probe-copying: 10 texts, first occurrence \d+\.\d\d nats/token, repeat \d+\.\d\d \(\d+ tokens\), gain -?\d+\.\d\d", output);
    }

    [Fact]
    public async Task Probe_copying_with_a_texts_file_that_is_not_a_query_list_fails_with_exit_code_2()
    {
        using var folder = new TemporaryDirectory();
        var model = SavedTinyModel.Save(folder);
        var texts = folder.Combine("queries.json");
        await File.WriteAllTextAsync(texts, "[1, 2]", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("probe-copying", "--model", model, "--texts", texts);

        Assert.Equal(2, exitCode);
        Assert.Contains("queries.json", error);
    }

    [Fact]
    public async Task Probe_copying_with_a_missing_model_folder_fails_with_exit_code_2_naming_it()
    {
        using var folder = new TemporaryDirectory();
        var texts = folder.Combine("queries.json");
        await File.WriteAllTextAsync(texts, "[\"a cat chasing a red ball across a sunny garden\"]", TestContext.Current.CancellationToken);

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("probe-copying", "--model", folder.Combine("absent"), "--texts", texts);

        Assert.Equal(2, exitCode);
        Assert.Contains("absent", error);
    }
}
