using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// The chart's storage and settings for video jobs: the data folder on a volume (a claim, or an emptyDir that loses
/// jobs), backends in the ConfigMap with their API keys from a Secret, and one replica for the SQLite store. The
/// schema rules are evaluated on real values; the templates are read as text (no helm binary here).
/// </summary>
public sealed class HelmVideoStorageTests
{
    private const string TwoBackends =
        "settings: {Videos: {Backends: [{Name: cog, Protocol: CogPredictions, BaseUrl: 'http://cog:5000'}, {Name: sora, Protocol: OpenAiVideos, BaseUrl: 'https://llm.example/v1'}]}}";

    private static readonly HelmChart Chart = HelmChart.Load();

    [Fact]
    public void Video_data_folder_is_a_volume_mounted_where_the_service_keeps_its_jobs()
    {
        var deployment = Chart.Templates["deployment.yaml"];
        var container = OptimizerContainer();
        var env = ((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>();
        Assert.Single(env, variable => HelmChart.Scalar(variable, "name") == "Videos__DataFolder");
        Assert.Contains("- name: Videos__DataFolder\n              value: {{ .Values.videos.dataFolder | quote }}", deployment, StringComparison.Ordinal);
        var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Cast<YamlMappingNode>();
        Assert.Single(mounts, mount => HelmChart.Scalar(mount, "name") == "videos");
        Assert.Contains("- name: videos\n              mountPath: {{ .Values.videos.dataFolder }}\n", deployment, StringComparison.Ordinal);

        var volumes = ((YamlSequenceNode)HelmChart.Find(Deployment(), "spec.template.spec.volumes")!).Children.Cast<YamlMappingNode>();
        var volume = Assert.Single(volumes, candidate => HelmChart.Scalar(candidate, "name") == "videos");
        Assert.NotNull(HelmChart.Find(volume, "persistentVolumeClaim.claimName"));
        Assert.NotNull(HelmChart.Find(volume, "emptyDir.sizeLimit"));
        Assert.Contains(
            "{{- if .Values.videos.persistence.enabled }}\n          persistentVolumeClaim:\n            claimName: {{ include \"vpo.videosClaimName\" . }}\n          {{- else }}",
            deployment,
            StringComparison.Ordinal);
        Assert.Equal("/var/lib/vpo/videos", HelmChart.Scalar(Chart.Values, "videos.dataFolder"));
    }

    [Fact]
    public void Without_persistence_the_chart_says_that_an_empty_dir_loses_jobs()
    {
        Assert.Equal("false", HelmChart.Scalar(Chart.Values, "videos.persistence.enabled"));
        var values = File.ReadAllText(RepositoryRoot.Combine($"{HelmChart.Folder}/values.yaml"));
        Assert.Contains("every job (queued, running, finished) and every stored\n    # video is lost", values, StringComparison.Ordinal);
        var readme = File.ReadAllText(RepositoryRoot.Combine($"{HelmChart.Folder}/README.md"));
        Assert.Contains("**deleting, evicting, rescheduling or updating the pod loses every job and stored video**", readme, StringComparison.Ordinal);
        Assert.Contains("{{- if and (dig \"Videos\" \"Backends\" (list) .Values.settings) (not .Values.videos.persistence.enabled) }}", Chart.Templates["NOTES.txt"], StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_creates_a_claim_of_the_configured_size_class_and_modes_unless_one_exists_and_keeps_it_on_uninstall()
    {
        var template = Chart.Templates["videos-pvc.yaml"];
        var claim = Assert.Single(HelmTemplateText.Skeleton(template));

        Assert.StartsWith("{{- if and .Values.videos.persistence.enabled (not .Values.videos.persistence.existingClaim) }}", template, StringComparison.Ordinal);
        var annotations = Assert.IsType<YamlMappingNode>(HelmChart.Find(claim, "metadata.annotations"));
        Assert.Equal("keep", ((YamlScalarNode)annotations["helm.sh/resource-policy"]).Value);
        Assert.NotNull(HelmChart.Find(claim, "spec.accessModes"));
        Assert.NotNull(HelmChart.Find(claim, "spec.storageClassName"));
        Assert.NotNull(HelmChart.Find(claim, "spec.resources.requests.storage"));
        Assert.Contains("{{- toYaml .Values.videos.persistence.accessModes | nindent 4 }}", template, StringComparison.Ordinal);
        Assert.Contains("storage: {{ .Values.videos.persistence.size }}", template, StringComparison.Ordinal);
        Assert.Contains("storageClassName: {{ if eq . \"-\" }}\"\"{{ else }}{{ . | quote }}{{ end }}", template, StringComparison.Ordinal);
        Assert.Contains("name: {{ include \"vpo.videosClaimName\" . }}", template, StringComparison.Ordinal);
        // The Deployment mounts the existing claim when one is named, else the created one.
        Assert.Contains("{{- if .Values.videos.persistence.existingClaim }}\n{{- .Values.videos.persistence.existingClaim }}", Chart.Templates["_helpers.tpl"], StringComparison.Ordinal);
        Assert.Equal(["ReadWriteOnce"], ((YamlSequenceNode)HelmChart.Find(Chart.Values, "videos.persistence.accessModes")!).Children.Select(mode => ((YamlScalarNode)mode).Value));
    }

    [Fact]
    public void Backend_api_keys_come_from_the_secret_as_environment_variables_never_from_the_config_map()
    {
        var deployment = Chart.Templates["deployment.yaml"];
        Assert.Contains(
            "            {{- with get $.Values.videos.apiKeys.secretKeys (get $backend \"Name\" | toString) }}\n" +
            "            - name: Videos__Backends__{{ $index }}__ApiKey\n" +
            "              valueFrom:\n" +
            "                secretKeyRef:\n",
            deployment,
            StringComparison.Ordinal);
        Assert.Contains("{{- range $index, $backend := dig \"Videos\" \"Backends\" (list) .Values.settings }}", deployment, StringComparison.Ordinal);
        // The ConfigMap holds the settings as given; an ApiKey there is refused by the schema and the render.
        var withKey = Chart.WithOverrides(HelmChart.Yaml("settings: {Videos: {Backends: [{Name: sora, Protocol: OpenAiVideos, BaseUrl: 'https://llm.example/v1', ApiKey: sk-live}]}}"));
        Assert.False(Chart.Validate(withKey).IsValid);
        Assert.Contains("{{- if hasKey $backend \"ApiKey\" }}\n{{- fail (printf \"settings.Videos.Backends[%d].ApiKey would put an API key into the ConfigMap", Section("vpo.videosChecked"), StringComparison.Ordinal);
        Assert.Contains("fail (printf \"videos.apiKeys.secretKeys names backend '%s', which settings.Videos.Backends does not have", Section("vpo.videosChecked"), StringComparison.Ordinal);
        Assert.StartsWith("{{- include \"vpo.videosChecked\" . }}\n", deployment, StringComparison.Ordinal);

        var keyed = Chart.WithOverrides(HelmChart.Yaml(TwoBackends + "\nvideos: {apiKeys: {existingSecret: video-keys, secretKeys: {sora: sora-api-key}}}"));
        Assert.True(Chart.Validate(keyed).IsValid);
    }

    [Theory]
    [InlineData("replicaCount: 2", false)]
    [InlineData("autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 4}", false)]
    [InlineData("replicaCount: 2\nvideos: {multipleReplicasAcknowledged: true}", true)]
    [InlineData("replicaCount: 1", true)]
    [InlineData("autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 1}", true)]
    public void Several_replicas_with_video_backends_are_refused_unless_acknowledged(string replicas, bool valid)
    {
        var values = Chart.WithOverrides(HelmChart.Yaml(TwoBackends + "\n" + replicas));

        Assert.Equal(valid, Chart.Validate(values).IsValid);
        // Without backends there are no jobs to lose: any number of replicas is fine.
        Assert.True(Chart.Validate(Chart.WithOverrides(HelmChart.Yaml(replicas))).IsValid);
    }

    [Fact]
    public void Render_fails_with_a_clear_message_for_several_replicas_on_the_sqlite_store()
    {
        var check = Section("vpo.videosChecked");

        Assert.Contains("{{- $replicas := ternary (int .Values.autoscaling.maxReplicas) (int .Values.replicaCount) .Values.autoscaling.enabled }}", check, StringComparison.Ordinal);
        Assert.Contains("{{- if and $backends (gt $replicas 1) (not .Values.videos.multipleReplicasAcknowledged) }}", check, StringComparison.Ordinal);
        Assert.Contains("the SQLite job store in videos.dataFolder serves one replica", check, StringComparison.Ordinal);
        Assert.Contains("set videos.multipleReplicasAcknowledged=true", check, StringComparison.Ordinal);
    }

    private static YamlMappingNode Deployment() => Assert.Single(HelmTemplateText.Skeleton(Chart.Templates["deployment.yaml"]));

    private static YamlMappingNode OptimizerContainer()
    {
        var containers = (YamlSequenceNode)HelmChart.Find(Deployment(), "spec.template.spec.containers")!;
        return Assert.IsType<YamlMappingNode>(Assert.Single(containers.Children));
    }

    private static string Section(string name)
    {
        var helpers = Chart.Templates["_helpers.tpl"];
        var start = helpers.IndexOf($"define \"{name}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no helper {name}");
        var end = helpers.IndexOf("{{- end }}\n\n", start, StringComparison.Ordinal);
        return end < 0 ? helpers[start..] : helpers[start..end];
    }
}
