using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// A model folder (ONNX Runtime GenAI, as exported by <c>vpo-train export</c>) run in this process through the
/// service's own Inference library in a generic host: the same options, validation, scheduler, batching and
/// warm-up as <c>Vpo.Api</c>, without HTTP. Sampling defaults to the authors' (temperature 0.7, top-p 1.0,
/// 1024 new tokens).
/// </summary>
public sealed class ModelFolderOptimizer : IPromptOptimizer, IAsyncDisposable
{
    private readonly IHost _host;
    private readonly PromptOptimizer _optimizer;
    private readonly SamplingOptions _sampling;

    private ModelFolderOptimizer(IHost host, PromptOptimizer optimizer, SamplingOptions sampling, string name)
    {
        _host = host;
        _optimizer = optimizer;
        _sampling = sampling;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The sampling the authors used at inference, with <paramref name="maxNewTokens"/> new tokens at most.</summary>
    public static SamplingOptions PublishedSampling(int maxNewTokens = 1024, int? seed = null) => new(0.7, 1.0, maxNewTokens, seed);

    /// <summary>Loads the model in <paramref name="modelPath"/> and starts its scheduler.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The folder is not a model folder (the message says why).</exception>
    /// <exception cref="ModelLoadException">The model could not be loaded.</exception>
    public static async Task<ModelFolderOptimizer> StartAsync(
        string modelPath, SamplingOptions sampling, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(sampling);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var folder = Path.GetFullPath(modelPath);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ModelPath)}"] = folder,
            [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.MaxNewTokensLimit)}"] =
                Math.Max(sampling.MaxNewTokens, new InferenceOptions().MaxNewTokensLimit).ToString(CultureInfo.InvariantCulture),
        });
        // Log through the command's own logging rather than a second console logger.
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.AddVpoInference(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ModelFolderOptimizer(host, host.Services.GetRequiredService<PromptOptimizer>(), sampling, "model:" + new DirectoryInfo(folder).Name);
    }

    /// <inheritdoc />
    public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        var result = await _optimizer.OptimizeAsync(query, _sampling, iterations: 1, cancellationToken).ConfigureAwait(false);
        return result.Prompt;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
