using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Telemetry;

namespace Vpo.Training.Construction.Sampling;

/// <summary>
/// Samples the SFT model exported to ONNX through the project's Inference library: the service's model host and
/// scheduler, which template the query exactly as the service does and batch a query's unseeded samples into one
/// generator.
/// </summary>
public sealed class InferencePromptSampler : IPromptSampler, IAsyncDisposable
{
    private readonly ServiceProvider _metrics;
    private readonly OnnxModelHost _host;
    private readonly GenerationScheduler _scheduler;
    private readonly SamplingSettings _settings;

    private InferencePromptSampler(ServiceProvider metrics, OnnxModelHost host, GenerationScheduler scheduler, SamplingSettings settings)
    {
        _metrics = metrics;
        _host = host;
        _scheduler = scheduler;
        _settings = settings;
    }

    /// <summary>Loads the model folder and starts its scheduler.</summary>
    /// <exception cref="ModelLoadException">The folder is not a loadable ONNX Runtime GenAI model.</exception>
    public static async Task<InferencePromptSampler> StartAsync(
        string modelFolder, ExecutionProvider provider, SamplingSettings settings, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelFolder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logging);
        settings.Validate();
        var metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
        OnnxModelHost? host = null;
        try
        {
            host = new OnnxModelHost(modelFolder, provider, null, logging.CreateLogger<OnnxModelHost>());
            var statistics = new SchedulerStatistics();
            var options = new InferenceOptions { ModelPath = modelFolder, Provider = provider };
            var scheduler = new GenerationScheduler(host, Options.Create(options), statistics,
                new InferenceTelemetry(metrics.GetRequiredService<IMeterFactory>(), statistics), logging.CreateLogger<GenerationScheduler>());
            await scheduler.StartAsync(cancellationToken).ConfigureAwait(false);
            return new InferencePromptSampler(metrics, host, scheduler, settings);
        }
        catch
        {
            host?.Dispose();
            await metrics.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SampleAsync(string query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = new SamplingOptions(_settings.Temperature, _settings.TopP, _settings.MaxNewTokens, Seed: null);
        var results = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(_ => _scheduler.GenerateAsync(new GenerationRequest(query, options), cancellationToken))).ConfigureAwait(false);
        return results.Select(r => r.Text.Trim()).ToList();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _scheduler.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _scheduler.Dispose();
        _host.Dispose();
        await _metrics.DisposeAsync().ConfigureAwait(false);
    }
}
