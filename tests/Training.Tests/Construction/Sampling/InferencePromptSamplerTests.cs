using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Training.Cli;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Tests.Construction.Sampling;

public sealed class InferencePromptSamplerTests
{
    private static string TinyModelFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Fixtures", "tiny-llama");
            if (File.Exists(Path.Combine(candidate, "genai_config.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Fixtures/tiny-llama was not found above {AppContext.BaseDirectory}.");
    }

    [Fact]
    public async Task The_sampling_stage_draws_distinct_samples_from_the_onnx_model_in_process()
    {
        using var folder = new TestFolder();
        var settings = new SamplingSettings { MaxNewTokens = 12 };
        await using var sampler = await InferencePromptSampler.StartAsync(TinyModelFolder(), ExecutionProvider.Cpu, settings, NullLoggerFactory.Instance, CancellationToken.None);
        var files = StageFiles.For(folder.File("samples.jsonl"));

        // The tiny model has random weights: at temperature 0.9 its four answers differ, which greedy decoding never would.
        await TestSettings.Runner(workers: 2, attempts: 5).RunAsync(new SamplingStage(sampler, settings), ["a cat on a skateboard", "a red fox in the snow"], files, CancellationToken.None);
        var sets = await JsonlReader.ReadAllAsync<SampleSet>(files.Output, CancellationToken.None);

        Assert.Equal(2, sets.Count);
        Assert.All(sets, set => Assert.Equal(4, set.Samples.Count));
        Assert.All(sets, set => Assert.True(set.Samples.Distinct().Count() > 1, $"four identical samples for '{set.Query}'"));
    }

    [Fact]
    public async Task Sample_command_with_unsafe_only_samples_just_the_queries_the_lexicon_flags()
    {
        using var folder = new TestFolder();
        var queries = folder.File("queries.json");
        await File.WriteAllTextAsync(queries, """["a cat on a skateboard", "a knight stabs a dragon, blood everywhere", "a naked man -neg blood"]""", TestContext.Current.CancellationToken);
        var output = new StringWriter();

        var exitCode = await VpoTrainCli.Build().Parse(
            ["data", "sample", "--model", TinyModelFolder(), "--queries", queries, "--output", folder.File("samples.jsonl"), "--unsafe-only", "--count", "2", "--max-new-tokens", "8"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        var sets = await JsonlReader.ReadAllAsync<SampleSet>(folder.File("samples.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(["a knight stabs a dragon, blood everywhere", "a naked man -neg blood"], sets.Select(set => set.Query).Order(StringComparer.Ordinal));
        Assert.Contains("2 queries the unsafe lexicon flags", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_model_fails_with_a_clear_error()
    {
        using var folder = new TestFolder();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            InferencePromptSampler.StartAsync(folder.Path, ExecutionProvider.Cpu, new SamplingSettings(), NullLoggerFactory.Instance, CancellationToken.None));

        Assert.Contains("genai_config.json", error.Message, StringComparison.Ordinal);
    }
}
