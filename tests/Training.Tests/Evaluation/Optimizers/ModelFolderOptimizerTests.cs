using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vpo.Training.Evaluation.Optimizers;

namespace Vpo.Training.Tests.Evaluation.Optimizers;

public sealed class ModelFolderOptimizerTests
{
    [Fact]
    public async Task Runs_the_committed_tiny_model_in_process_through_the_inference_library()
    {
        await using var optimizer = await ModelFolderOptimizer.StartAsync(
            TinyModelFolder.Path, ModelFolderOptimizer.PublishedSampling(maxNewTokens: 8, seed: 1), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);

        var prompts = await Task.WhenAll(
            optimizer.OptimizeAsync("a cat playing piano", TestContext.Current.CancellationToken),
            optimizer.OptimizeAsync("a red fox in the snow -ar 16:9", TestContext.Current.CancellationToken));

        Assert.Equal("model:tiny-llama", optimizer.Name);
        // Random weights: the text is gibberish, but it is generated text, not the query echoed back.
        Assert.All(prompts, prompt => Assert.NotNull(prompt));
        Assert.Contains(prompts, prompt => prompt.Length > 0);
    }

    [Fact]
    public async Task A_folder_without_a_model_is_refused_with_a_clear_error()
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ModelFolderOptimizer.StartAsync(
            folder.Path, ModelFolderOptimizer.PublishedSampling(), NullLoggerFactory.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("genai_config.json", error.Message, StringComparison.Ordinal);
    }
}
