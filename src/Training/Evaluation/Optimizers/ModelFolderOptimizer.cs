using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;

namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>
/// A model folder (ONNX Runtime GenAI, as exported by <c>vpo-train export</c>) run in this process through the
/// service's own Inference library: the same options, validation, scheduler, batching and warm-up as
/// <c>Vpo.Api</c>, without HTTP. Sampling defaults to the authors' (temperature 0.7, top-p 1.0, 1024 new tokens).
/// </summary>
public sealed class ModelFolderOptimizer : IPromptOptimizer, IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyList<IHostedService> _running;
    private readonly PromptOptimizer _optimizer;
    private readonly SamplingOptions _sampling;

    private ModelFolderOptimizer(
        ServiceProvider services, IReadOnlyList<IHostedService> running, PromptOptimizer optimizer, SamplingOptions sampling, string name)
    {
        _services = services;
        _running = running;
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
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ModelPath)}"] = folder,
                [$"{InferenceOptions.SectionName}:{nameof(InferenceOptions.MaxNewTokensLimit)}"] =
                    Math.Max(sampling.MaxNewTokens, new InferenceOptions().MaxNewTokensLimit).ToString(CultureInfo.InvariantCulture),
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton(loggerFactory)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IHostEnvironment>(new EvaluationHostEnvironment())
            .AddVpoInference(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // What a host would do: start the hosted services in registration order (the scheduler before the warm-up).
        var running = new List<IHostedService>();
        try
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(cancellationToken).ConfigureAwait(false);
                running.Add(hosted);
            }

            var optimizer = services.GetRequiredService<PromptOptimizer>();
            return new ModelFolderOptimizer(services, running, optimizer, sampling, "model:" + new DirectoryInfo(folder).Name);
        }
        catch
        {
            await StopAsync(running, services).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        var result = await _optimizer.OptimizeAsync(query, _sampling, iterations: 1, cancellationToken).ConfigureAwait(false);
        return result.Prompt;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(StopAsync(_running, _services));

    private static async Task StopAsync(IReadOnlyList<IHostedService> running, ServiceProvider services)
    {
        foreach (var hosted in running.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await services.DisposeAsync().ConfigureAwait(false);
    }

    // The Inference library resolves relative model paths against the host's content root; here there is no host.
    private sealed class EvaluationHostEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "vpo-train";

        public string ContentRootPath { get; set; } = Directory.GetCurrentDirectory();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
