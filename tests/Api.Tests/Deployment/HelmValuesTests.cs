using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>The chart's values: Chart.yaml, values.yaml against values.schema.json, the example value files, and the README's table.</summary>
public sealed partial class HelmValuesTests
{
    private static readonly HelmChart Chart = HelmChart.Load();

    [Fact]
    public void Chart_yaml_names_a_v2_application_chart_with_semantic_versions()
    {
        Assert.Equal("v2", HelmChart.Scalar(Chart.Chart, "apiVersion"));
        Assert.Equal("vpo", HelmChart.Scalar(Chart.Chart, "name"));
        Assert.Equal("application", HelmChart.Scalar(Chart.Chart, "type"));
        Assert.Matches(SemanticVersion(), HelmChart.Scalar(Chart.Chart, "version"));
        Assert.Matches(SemanticVersion(), HelmChart.Scalar(Chart.Chart, "appVersion"));
    }

    [Fact]
    public void Default_values_validate_against_the_schema()
    {
        var result = Chart.Validate(Chart.Values);

        Assert.True(result.IsValid, Describe(result));
    }

    public static TheoryData<string> ExampleValueFiles =>
        [.. Directory.EnumerateFiles(RepositoryRoot.Combine($"{HelmChart.Folder}/ci"), "*.yaml").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ExampleValueFiles))]
    public void Example_values_merged_over_the_defaults_validate_and_name_only_known_values(string file)
    {
        var overrides = HelmChart.LoadYaml(RepositoryRoot.Combine($"{HelmChart.Folder}/ci/{file}"));

        var result = Chart.Validate(Chart.WithOverrides(overrides));

        Assert.True(result.IsValid, Describe(result));
        // Lists and free-form maps (settings, annotations, selectors) may hold keys values.yaml has no default for.
        var unknown = HelmChart.LeafPaths(overrides)
            .Where(path => HelmChart.Find(Chart.Values, path) is null && !FreeFormPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.True(unknown.Count == 0, $"{file} sets values the chart does not have: {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData("replicaCont: 2", "a misspelt top-level key")]
    [InlineData("image: {repository: vpo, tag: latest, pullPolicy: IfNotPresent}", "the latest tag")]
    [InlineData("image: {repository: '', tag: '1.0', pullPolicy: IfNotPresent}", "an empty image repository")]
    [InlineData("model: {source: s3, mountPath: /models/vpo}", "an unknown model source")]
    [InlineData("model: {source: pvc, mountPath: /models/vpo, pvc: {claimName: ''}}", "a pvc source without a claim")]
    [InlineData("model: {source: initContainer, mountPath: /models/vpo, initContainer: {image: ''}}", "an init container source without an image")]
    [InlineData("gpu: {count: -1, resourceName: nvidia.com/gpu}", "a negative GPU count")]
    [InlineData("probes: {liveness: {path: health/live, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3}}", "a probe path without a leading slash")]
    [InlineData("settings: {Inference: {MaxBatchSize: 0}}", "a batch size of zero")]
    [InlineData("settings: {RateLimiting: {Window: 'one minute'}}", "a window that is not a TimeSpan")]
    [InlineData("settings: {ApiKeyAuthentication: {Keys: {studio: s3cret}}}", "API keys in the ConfigMap")]
    [InlineData("apiKeyAuthentication: {enabled: true, existingSecret: '', secretKeys: []}", "API keys enabled without a Secret")]
    [InlineData("apiKeyAuthentication: {enabled: true, existingSecret: keys, secretKeys: [bad-name]}", "a key name that is not an environment-variable word")]
    [InlineData("dataJob: {enabled: true, stage: '', image: {repository: vpo-train, tag: '0.1.0'}, workVolume: {claimName: data}}", "a data job without a stage")]
    [InlineData("dataJob: {enabled: true, stage: curate, image: {repository: vpo-train, tag: '0.1.0'}, workVolume: {claimName: ''}}", "a data job without a work volume")]
    [InlineData("dataJob: {enabled: false, shards: 0}", "zero shards")]
    [InlineData("podDisruptionBudget: {enabled: true, maxUnavailable: 'half'}", "a disruption budget that is neither a count nor a percentage")]
    [InlineData("settings: {Videos: {Backends: [{Name: sora, Protocol: OpenAiVideos, BaseUrl: 'https://api.example/v1', ApiKey: sk-live}]}}", "a video backend's API key in the ConfigMap")]
    [InlineData("settings: {Videos: {Backends: [{Name: cog, Protocol: ComfyUi, BaseUrl: 'http://cog:5000'}]}}", "an unknown video protocol")]
    [InlineData("settings: {Videos: {Backends: [{Name: cog, Protocol: CogPredictions}]}}", "a video backend without a base URL")]
    [InlineData("settings: {Videos: {DataFolder: /data}}", "the data folder in settings instead of videos.dataFolder")]
    [InlineData("videos: {dataFolder: relative/videos}", "a relative video data folder")]
    [InlineData("videos: {persistence: {enabled: true, accessModes: []}}", "a claim without access modes")]
    [InlineData("videos: {persistence: {enabled: true, accessModes: [ReadWriteSometimes]}}", "an unknown access mode")]
    [InlineData("videos: {apiKeys: {existingSecret: '', secretKeys: {sora: sora-api-key}}}", "backend API keys without a Secret")]
    public void Schema_refuses_bad_values(string overrides, string why)
    {
        var result = Chart.Validate(Chart.WithOverrides(HelmChart.Yaml(overrides)));

        Assert.False(result.IsValid, $"the schema accepted {why}");
    }

    [Fact]
    public void Readme_values_table_covers_every_value_and_names_only_real_ones()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine($"{HelmChart.Folder}/README.md"));
        var documented = TableKey().Matches(readme).Select(match => match.Groups["key"].Value).ToList();

        Assert.Equal(documented.Count, documented.Distinct(StringComparer.Ordinal).Count());
        Assert.All(documented, key => Assert.True(HelmChart.Find(Chart.Values, key) is not null, $"README documents {key}, which values.yaml lacks"));
        // A row may document an object as a whole (probes.startup covers its path, period and thresholds).
        var undocumented = HelmChart.LeafPaths(Chart.Values)
            .Where(leaf => !documented.Any(key => leaf == key || leaf.StartsWith(key + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(undocumented.Count == 0, $"README's values table lacks {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Readme_says_how_to_check_the_chart_where_helm_exists()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine($"{HelmChart.Folder}/README.md"));

        Assert.Contains("helm lint helm/vpo --strict", readme, StringComparison.Ordinal);
        Assert.Contains("helm template vpo helm/vpo", readme, StringComparison.Ordinal);
    }

    private static readonly string[] FreeFormPrefixes =
    [
        "settings.", "ingress.", "nodeSelector.", "podAnnotations.", "podLabels.", "serviceMonitor.labels.", "resources.", "tolerations",
        "networkPolicy.", "dataJob.args", "model.initContainer.args", "videos.apiKeys.secretKeys.",
    ];

    private static string Describe(Json.Schema.EvaluationResults result) =>
        string.Join("; ", (result.Details ?? []).Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")));

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z0-9_.]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableKey();
}
