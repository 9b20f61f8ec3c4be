using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpo.Api.Hosting;
using Vpo.Inference;
using Vpo.Inference.Video.Backends;
using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// The chart and the image against the real service: the settings the chart writes into appsettings start it, the
/// environment names they set are the options' names, and the paths they probe answer.
/// </summary>
public sealed class ChartServiceContractTests
{
    private static readonly HelmChart Chart = HelmChart.Load();

    public static TheoryData<string> ValueFiles => ["values.yaml", .. Directory.EnumerateFiles(RepositoryRoot.Combine($"{HelmChart.Folder}/ci"), "*.yaml").Select(file => "ci/" + Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ValueFiles))]
    public async Task Settings_the_chart_mounts_as_appsettings_start_the_service_with_those_values(string file)
    {
        var values = file == "values.yaml" ? Chart.Values : Chart.WithOverrides(HelmChart.LoadYaml(RepositoryRoot.Combine($"{HelmChart.Folder}/{file}")));
        var settings = (YamlMappingNode)HelmChart.Find(values, "settings")!;
        using var contentRoot = new TemporaryFolder();
        await File.WriteAllTextAsync(
            Path.Combine(contentRoot.Path, "appsettings.Production.json"), HelmChart.Json(settings)!.ToJsonString(), TestContext.Current.CancellationToken);
        // API keys come from the Secret as environment variables, never from the mounted settings.
        string[] secrets = HelmChart.Find(values, "apiKeyAuthentication.secretKeys") is YamlSequenceNode keys
            ? [.. keys.Children.Select(key => $"ApiKeyAuthentication:Keys:{key}={key}-0123456789abcdef")]
            : [];
        var enabled = HelmChart.Scalar(values, "apiKeyAuthentication.enabled") == "true" ? $"{ApiKeyAuthenticationOptions.SectionName}:Enabled=true" : "ApiKeyAuthentication:Enabled=false";
        // As the Deployment sets them: the data folder, and each named backend's key from the Secret by its index.
        var backends = (HelmChart.Find(values, "settings.Videos.Backends") as YamlSequenceNode)?.Children.Cast<YamlMappingNode>().Select(backend => HelmChart.Scalar(backend, "Name")).ToList() ?? [];
        var videoKeys = (HelmChart.Find(values, "videos.apiKeys.secretKeys") as YamlMappingNode)?.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToList() ?? [];
        string[] videoSecrets = [.. videoKeys.Select(name => $"Videos:Backends:{backends.IndexOf(name)}:ApiKey={name}-key")];

        var app = TestService.Build([$"contentRoot={contentRoot.Path}", "environment=Production", enabled, .. secrets, $"Videos:DataFolder={contentRoot.Path}/videos", .. videoSecrets]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var services = app.Services;
            Assert.Equal(int.Parse(HelmChart.Scalar(values, "settings.Inference.MaxBatchSize")!, System.Globalization.CultureInfo.InvariantCulture), services.GetRequiredService<IOptions<InferenceOptions>>().Value.MaxBatchSize);
            Assert.Equal(long.Parse(HelmChart.Scalar(values, "settings.Api.MaxRequestBodyBytes")!, System.Globalization.CultureInfo.InvariantCulture), services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
            var rate = services.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            Assert.Equal(HelmChart.Scalar(values, "settings.RateLimiting.Enabled"), rate.Enabled ? "true" : "false");
            Assert.Equal(HelmChart.Scalar(values, "settings.RateLimiting.PermitLimit"), rate.PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(
                TimeSpan.Parse(HelmChart.Scalar(values, "settings.GracefulShutdown.DrainTimeout")!, System.Globalization.CultureInfo.InvariantCulture),
                services.GetRequiredService<IOptions<GracefulShutdownOptions>>().Value.DrainTimeout);
            Assert.Equal(
                ((YamlSequenceNode?)HelmChart.Find(values, "settings.Cors.AllowedOrigins"))?.Children.Count ?? 0,
                services.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowedOrigins.Count);
            var videos = services.GetRequiredService<IOptions<VideosOptions>>().Value;
            Assert.Equal(backends, videos.Backends.Select(backend => backend.Name));
            Assert.All(videoKeys, name => Assert.Equal(name + "-key", videos.Backends.Single(backend => backend.Name == name).ApiKey));
            Assert.Equal(HelmChart.Scalar(values, "settings.Videos.MaxConcurrentJobs"), videos.MaxConcurrentJobs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }

    [Fact]
    public void Environment_names_the_chart_and_image_set_are_the_options_names()
    {
        var deployment = Chart.Templates["deployment.yaml"];
        Assert.Contains($"- name: {InferenceOptions.SectionName}__{nameof(InferenceOptions.ModelPath)}", deployment, StringComparison.Ordinal);
        Assert.Contains($"- name: {ApiKeyAuthenticationOptions.SectionName}__{nameof(ApiKeyAuthenticationOptions.Enabled)}", deployment, StringComparison.Ordinal);
        Assert.Contains($"- name: {ApiKeyAuthenticationOptions.SectionName}__{nameof(ApiKeyAuthenticationOptions.Keys)}__{{{{ $key }}}}", deployment, StringComparison.Ordinal);
        Assert.Contains($"- name: {VideosOptions.SectionName}__{nameof(VideosOptions.DataFolder)}", deployment, StringComparison.Ordinal);
        Assert.Contains($"- name: {VideosOptions.SectionName}__{nameof(VideosOptions.Backends)}__{{{{ $index }}}}__{nameof(VideoBackendOptions.ApiKey)}", deployment, StringComparison.Ordinal);

        var dockerfile = File.ReadAllText(RepositoryRoot.Combine("Dockerfile"));
        Assert.Contains($"{InferenceOptions.SectionName}__{nameof(InferenceOptions.ModelPath)}=/app/onnx", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"{InferenceOptions.SectionName}__{nameof(InferenceOptions.Provider)}=cpu", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"{InferenceOptions.SectionName}__{nameof(InferenceOptions.Provider)}=cuda", dockerfile, StringComparison.Ordinal);

        // Every section the chart's settings name is one the service binds.
        var sections = ((YamlMappingNode)HelmChart.Find(Chart.Values, "settings")!).Children.Keys.Select(key => ((YamlScalarNode)key).Value).ToHashSet();
        Assert.Subset(
            new HashSet<string?> { InferenceOptions.SectionName, ApiOptions.SectionName, RateLimitingOptions.SectionName, CrossOriginOptions.SectionName, GracefulShutdownOptions.SectionName, ApiKeyAuthenticationOptions.SectionName, VideosOptions.SectionName, "Logging" },
            sections);
    }

    [Fact]
    public async Task Paths_the_chart_probes_and_the_image_checks_answer_on_the_service()
    {
        await using var service = await TestService.StartReadyAsync();

        foreach (var probe in new[] { "startup", "readiness", "liveness" })
        {
            var path = HelmChart.Scalar(Chart.Values, $"probes.{probe}.path")!;
            using var response = await service.Client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"probes.{probe}.path {path}: {(int)response.StatusCode}");
        }

        using var metrics = await service.Client.GetAsync(HelmChart.Scalar(Chart.Values, "serviceMonitor.path"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains(HelmChart.Scalar(Chart.Values, "autoscaling.queueLength.metricName")!, await metrics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
