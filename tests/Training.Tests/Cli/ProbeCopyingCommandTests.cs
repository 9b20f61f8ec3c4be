using System.Text.Json;
using Vpo.Training.Checkpoints;
using Vpo.Training.Modeling;
using Vpo.Training.Tests.Evaluation;
using Vpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Cli;

public sealed class ProbeCopyingCommandTests
{
    // A random model over the fixture tokenizer, saved as the trainers save one (config, safetensors, tokenizer).
    private static string SaveModelFolder(TemporaryDirectory folder)
    {
        var directory = folder.Combine("model");
        var config = LlamaConfig.Load(Path.Combine(TinyModelFolder.Path, "..", "tiny-llama-config.json"));
        using var generator = new Generator(5, CPU);
        using var model = new LlamaForCausalLM(config, generator: generator);
        LlamaCheckpoint.Save(model, directory);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(TinyModelFolder.Path, file), Path.Combine(directory, file));
        }

        return directory;
    }

    [Fact]
    public async Task Probe_copying_reports_both_occurrence_losses_of_real_queries()
    {
        using var folder = new TemporaryDirectory();
        var model = SaveModelFolder(folder);
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
        var model = SaveModelFolder(folder);
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
