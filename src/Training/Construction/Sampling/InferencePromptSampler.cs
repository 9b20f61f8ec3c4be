using Microsoft.Extensions.Logging;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;
using Vpo.Training.Hosting;

namespace Vpo.Training.Construction.Sampling;

/// <summary>
/// Samples the SFT model exported to ONNX through the project's Inference library (<see cref="InProcessInference"/>):
/// the service's model host and scheduler, which template the query exactly as the service does and batch a query's
/// unseeded samples into one generator.
/// </summary>
public sealed class InferencePromptSampler : IPromptSampler, IAsyncDisposable
{
    private readonly InProcessInference _inference;
    private readonly SamplingSettings _settings;

    private InferencePromptSampler(InProcessInference inference, SamplingSettings settings)
    {
        _inference = inference;
        _settings = settings;
    }

    /// <summary>Loads the model folder and starts its scheduler.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The folder is not a model folder (the message says why).</exception>
    /// <exception cref="ModelLoadException">The folder's model could not be loaded.</exception>
    public static async Task<InferencePromptSampler> StartAsync(
        string modelFolder, ExecutionProvider provider, SamplingSettings settings, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var inference = await InProcessInference.StartAsync(modelFolder, provider, settings.MaxNewTokens, logging, cancellationToken).ConfigureAwait(false);
        return new InferencePromptSampler(inference, settings);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SampleAsync(string query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = new SamplingOptions(_settings.Temperature, _settings.TopP, _settings.MaxNewTokens, Seed: null);
        var scheduler = _inference.Scheduler;
        var results = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(_ => scheduler.GenerateAsync(new GenerationRequest(query, options), cancellationToken))).ConfigureAwait(false);
        return results.Select(r => r.Text.Trim()).ToList();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _inference.DisposeAsync();
}
