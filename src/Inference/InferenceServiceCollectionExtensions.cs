using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;
using Vpo.Inference.Scheduling;
using Vpo.Inference.Telemetry;

namespace Vpo.Inference;

/// <summary>Registers the optimizer: options, the model, the scheduler, warm-up and telemetry.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the optimizer, bound from the <see cref="InferenceOptions.SectionName"/> section of
    /// <paramref name="configuration"/> and validated at start. The model loads when the host starts; the service
    /// becomes ready (<see cref="ModelReadiness"/>) once a warm-up generation has run.
    /// </summary>
    public static IServiceCollection AddVpoInference(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceOptions>()
            .Bind(configuration.GetSection(InferenceOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.ModelPath = ModelFolder.Resolve(options.ModelPath, environment.ContentRootPath, AppContext.BaseDirectory))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>());

        services.AddMetrics();
        services.TryAddSingleton<SchedulerStatistics>();
        services.TryAddSingleton<InferenceTelemetry>();
        services.TryAddSingleton<ModelReadiness>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<InferenceOptions>>().Value;
            return new OnnxModelHost(options.ModelPath, options.Provider, options.ModelName, provider.GetRequiredService<ILogger<OnnxModelHost>>(), options.IntraOpThreads);
        });
        services.TryAddSingleton<GenerationScheduler>();
        services.TryAddSingleton<PromptOptimizer>();
        // Order matters: the scheduler must be running before the warm-up queues its generation.
        services.AddHostedService(provider => provider.GetRequiredService<GenerationScheduler>());
        services.AddHostedService<ModelWarmUpService>();
        return services;
    }
}
