using Microsoft.Extensions.Logging;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Training.Hosting;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// A model folder run in this process through the service's own Inference library (<see cref="InProcessInference"/>):
/// the same options, validation, scheduler, batching and warm-up as <c>Vpo.Api</c>, without HTTP. The eval command
/// samples as the authors did (temperature 0.7, top-p 1.0) unless told otherwise.
/// </summary>
public sealed class ModelFolderOptimizer : IPromptOptimizer, IAsyncDisposable
{
    private readonly InProcessInference _inference;
    private readonly SamplingOptions _sampling;

    private ModelFolderOptimizer(InProcessInference inference, SamplingOptions sampling)
    {
        _inference = inference;
        _sampling = sampling;
        Name = "model:" + new DirectoryInfo(inference.Folder).Name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The sampling the authors used at inference, with <paramref name="maxNewTokens"/> new tokens at most.</summary>
    public static SamplingOptions PublishedSampling(int maxNewTokens = 1024, int? seed = null) => new(SamplingOptions.PublishedTemperature, SamplingOptions.PublishedTopP, maxNewTokens, seed);

    /// <summary>Loads the model in <paramref name="modelPath"/> and starts its scheduler.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The folder is not a model folder (the message says why).</exception>
    /// <exception cref="ModelLoadException">The model could not be loaded.</exception>
    public static async Task<ModelFolderOptimizer> StartAsync(
        string modelPath, SamplingOptions sampling, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sampling);
        var inference = await InProcessInference.StartAsync(modelPath, ExecutionProvider.Cpu, sampling.MaxNewTokens, loggerFactory, cancellationToken).ConfigureAwait(false);
        return new ModelFolderOptimizer(inference, sampling);
    }

    /// <inheritdoc />
    public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        var result = await _inference.Optimizer.OptimizeAsync(query, _sampling, iterations: 1, cancellationToken).ConfigureAwait(false);
        return result.Prompt;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inference.DisposeAsync();
}
