using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vpo.Inference;
using Vpo.Inference.Optimization;
using Vpo.Inference.Scheduling;

namespace Vpo.Training.Hosting;

/// <summary>
/// A model folder (ONNX Runtime GenAI, as exported by <c>vpo-train export</c>) served in this process by the service's
/// own Inference library in a generic host: the same options, validation, model host, scheduler, batching and warm-up
/// as <c>Vpo.Api</c>, without HTTP. The pipeline's commands that run a model (sampling, evaluation) start one.
/// </summary>
public sealed class InProcessInference : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessInference(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    /// <summary>The served folder, as a full path.</summary>
    public string Folder { get; }

    /// <summary>The scheduler: one generation per call, batched with the others that wait.</summary>
    public GenerationScheduler Scheduler => _host.Services.GetRequiredService<GenerationScheduler>();

    /// <summary>The optimizer the service's endpoints use (templating, flags, iterations).</summary>
    public PromptOptimizer Optimizer => _host.Services.GetRequiredService<PromptOptimizer>();

    /// <summary>Loads <paramref name="modelPath"/> on <paramref name="provider"/> and starts its scheduler.</summary>
    /// <param name="modelPath">The model folder.</param>
    /// <param name="provider">Where the model runs.</param>
    /// <param name="maxNewTokens">The longest answer callers will ask for (raises the service's limit when needed).</param>
    /// <param name="loggerFactory">The command's own logging, rather than a second console logger.</param>
    /// <param name="cancellationToken">Cancels loading.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The folder is not a model folder (the message says why).</exception>
    /// <exception cref="Vpo.Inference.Generation.ModelLoadException">The model could not be loaded.</exception>
    public static async Task<InProcessInference> StartAsync(
        string modelPath, ExecutionProvider provider, int maxNewTokens, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var folder = Path.GetFullPath(modelPath);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ModelPath)}"] = folder,
            [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Provider)}"] = provider.ToString(),
            [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.MaxNewTokensLimit)}"] =
                Math.Max(maxNewTokens, new InferenceOptions().MaxNewTokensLimit).ToString(CultureInfo.InvariantCulture),
        });
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

        return new InProcessInference(host, folder);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        _host.Dispose();
    }
}
