using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Vpo.Inference.Video.Backends;

namespace Vpo.Inference.Video.Jobs;

/// <summary>Registers video jobs: the <c>Videos</c> options (validated at start), the backends, the job store and the worker.</summary>
public static class VideoJobsServiceCollectionExtensions
{
    /// <summary>
    /// Adds video jobs bound from the <see cref="VideosOptions.SectionName"/> section. The store is SQLite in
    /// <c>Videos:DataFolder</c> unless an <see cref="IVideoJobStore"/> was registered before. Call after
    /// <see cref="InferenceServiceCollectionExtensions.AddVpoInference"/>, so the worker starts after the optimizer.
    /// </summary>
    public static IServiceCollection AddVpoVideos(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<VideosOptions>()
            .Bind(configuration.GetSection(VideosOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.DataFolder = string.IsNullOrWhiteSpace(options.DataFolder)
                    ? options.DataFolder
                    : Path.GetFullPath(options.DataFolder, environment.ContentRootPath))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VideosOptions>, VideosOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VideoJobTelemetry>();
        services.TryAddSingleton<VideoBackendRegistry>();
        services.TryAddSingleton<IVideoJobStore>(provider => new SqliteVideoJobStore(
            provider.GetRequiredService<IOptions<VideosOptions>>().Value.DataFolder, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<VideoJobWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<VideoJobWorker>());
        return services;
    }
}
