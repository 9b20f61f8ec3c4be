using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// The chart's templates, checked without helm: every value they use exists, every helper they include is defined,
/// blocks close, and with the actions taken out each is YAML for exactly the resource it should create.
/// </summary>
public sealed class HelmTemplateTests
{
    private static readonly HelmChart Chart = HelmChart.Load();

    public static TheoryData<string> TemplateFiles => [.. HelmChart.Load().Templates.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Every_value_a_template_uses_exists_in_values_yaml(string file)
    {
        var missing = HelmTemplateText.ValuePaths(Chart.Templates[file]).Where(path => HelmChart.Find(Chart.Values, path) is null).ToList();

        Assert.True(missing.Count == 0, $"{file} uses values that values.yaml lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_included_helper_is_defined_and_every_helper_is_used()
    {
        var defined = Chart.Templates.Values.SelectMany(HelmTemplateText.Defined).ToList();
        var included = Chart.Templates.Values.SelectMany(HelmTemplateText.Included).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(defined.Count, defined.Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(included.Except(defined));
        Assert.Empty(defined.Except(included));
        Assert.All(defined, name => Assert.StartsWith("vpo.", name, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Every_block_a_template_opens_is_closed(string file) =>
        Assert.Equal(0, HelmTemplateText.UnclosedBlocks(Chart.Templates[file]));

    [Theory]
    [InlineData("deployment.yaml", "apps/v1", "Deployment")]
    [InlineData("service.yaml", "v1", "Service")]
    [InlineData("configmap.yaml", "v1", "ConfigMap")]
    [InlineData("serviceaccount.yaml", "v1", "ServiceAccount")]
    [InlineData("ingress.yaml", "networking.k8s.io/v1", "Ingress")]
    [InlineData("hpa.yaml", "autoscaling/v2", "HorizontalPodAutoscaler")]
    [InlineData("pdb.yaml", "policy/v1", "PodDisruptionBudget")]
    [InlineData("servicemonitor.yaml", "monitoring.coreos.com/v1", "ServiceMonitor")]
    [InlineData("networkpolicy.yaml", "networking.k8s.io/v1", "NetworkPolicy")]
    [InlineData("data-job.yaml", "batch/v1", "Job")]
    [InlineData("videos-pvc.yaml", "v1", "PersistentVolumeClaim")]
    public void Each_template_is_yaml_for_one_resource_kind(string file, string apiVersion, string kind)
    {
        var document = Assert.Single(HelmTemplateText.Skeleton(Chart.Templates[file]));

        Assert.Equal(apiVersion, HelmChart.Scalar(document, "apiVersion"));
        Assert.Equal(kind, HelmChart.Scalar(document, "kind"));
        Assert.NotNull(HelmChart.Find(document, "metadata.name"));
        Assert.NotNull(HelmChart.Find(document, "metadata.labels"));
    }

    [Fact]
    public void Every_template_but_helpers_and_notes_is_checked_for_its_kind()
    {
        var resources = Chart.Templates.Keys.Where(file => file.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["configmap.yaml", "data-job.yaml", "deployment.yaml", "hpa.yaml", "ingress.yaml", "networkpolicy.yaml", "pdb.yaml", "service.yaml", "serviceaccount.yaml", "servicemonitor.yaml", "videos-pvc.yaml"],
            resources);
        Assert.Equal(["NOTES.txt", "_helpers.tpl"], Chart.Templates.Keys.Where(file => !file.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deployment_probes_startup_and_readiness_on_ready_and_liveness_on_live()
    {
        var container = OptimizerContainer();
        foreach (var (probe, values) in new[] { ("startupProbe", "startup"), ("readinessProbe", "readiness"), ("livenessProbe", "liveness") })
        {
            Assert.NotNull(HelmChart.Find(container, probe));
            Assert.Contains($"{probe}:\n            {{{{- include \"vpo.httpProbe\" .Values.probes.{values} | nindent 12 }}}}", Chart.Templates["deployment.yaml"], StringComparison.Ordinal);
        }

        Assert.Equal("/health/ready", HelmChart.Scalar(Chart.Values, "probes.startup.path"));
        Assert.Equal("/health/ready", HelmChart.Scalar(Chart.Values, "probes.readiness.path"));
        Assert.Equal("/health/live", HelmChart.Scalar(Chart.Values, "probes.liveness.path"));
        Assert.Contains("port: http", Chart.Templates["_helpers.tpl"], StringComparison.Ordinal);
        Assert.Equal("http", HelmChart.Scalar(Assert.IsType<YamlMappingNode>(((YamlSequenceNode)container["ports"]).Children[0]), "name"));
    }

    [Fact]
    public void Deployment_has_a_read_only_root_with_a_writable_temp_volume()
    {
        var container = OptimizerContainer();
        var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Cast<YamlMappingNode>().ToList();
        var tmp = Assert.Single(mounts, mount => HelmChart.Scalar(mount, "mountPath") == "/tmp");
        Assert.Equal("tmp", HelmChart.Scalar(tmp, "name"));
        var volumes = ((YamlSequenceNode)HelmChart.Find(Deployment(), "spec.template.spec.volumes")!).Children.Cast<YamlMappingNode>();
        Assert.NotNull(HelmChart.Find(Assert.Single(volumes, volume => HelmChart.Scalar(volume, "name") == "tmp"), "emptyDir"));

        Assert.Equal("true", HelmChart.Scalar(Chart.Values, "securityContext.readOnlyRootFilesystem"));
        Assert.Equal("false", HelmChart.Scalar(Chart.Values, "securityContext.allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], ((YamlSequenceNode)HelmChart.Find(Chart.Values, "securityContext.capabilities.drop")!).Children.Select(node => ((YamlScalarNode)node).Value));
        Assert.Equal("true", HelmChart.Scalar(Chart.Values, "podSecurityContext.runAsNonRoot"));
        Assert.Contains("{{- toYaml .Values.securityContext | nindent 12 }}", Chart.Templates["deployment.yaml"], StringComparison.Ordinal);
        Assert.Contains("{{- toYaml .Values.podSecurityContext | nindent 8 }}", Chart.Templates["deployment.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_config_map_is_mounted_as_the_environments_appsettings_file()
    {
        var mounts = ((YamlSequenceNode)OptimizerContainer()["volumeMounts"]).Children.Cast<YamlMappingNode>();
        var settings = Assert.Single(mounts, mount => HelmChart.Scalar(mount, "name") == "settings");

        Assert.Equal("/app/appsettings.x.json", HelmChart.Scalar(settings, "mountPath"));
        Assert.Contains("mountPath: /app/appsettings.{{ .Values.environment }}.json", Chart.Templates["deployment.yaml"], StringComparison.Ordinal);
        Assert.Equal("appsettings.json", HelmChart.Scalar(settings, "subPath"));
        var data = Assert.IsType<YamlMappingNode>(HelmChart.Find(Assert.Single(HelmTemplateText.Skeleton(Chart.Templates["configmap.yaml"])), "data"));
        Assert.True(data.Children.ContainsKey(new YamlScalarNode("appsettings.json")));
        Assert.Contains("{{- .Values.settings | toPrettyJson | nindent 4 }}", Chart.Templates["configmap.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Data_job_runs_one_shard_per_completion_index()
    {
        var template = Chart.Templates["data-job.yaml"];
        var job = Assert.Single(HelmTemplateText.Skeleton(template));

        Assert.Equal("Indexed", HelmChart.Scalar(job, "spec.completionMode"));
        Assert.Equal("Never", HelmChart.Scalar(job, "spec.template.spec.restartPolicy"));
        var container = Assert.IsType<YamlMappingNode>(((YamlSequenceNode)HelmChart.Find(job, "spec.template.spec.containers")!).Children[0]);
        Assert.Equal(["data", "x", "--shard", "$(JOB_COMPLETION_INDEX)/x"], ((YamlSequenceNode)container["args"]).Children.Select(node => ((YamlScalarNode)node).Value));
        Assert.Contains("""- "$(JOB_COMPLETION_INDEX)/{{ $shards }}" """.TrimEnd(), template, StringComparison.Ordinal);
        Assert.Contains("completions: {{ $shards }}", template, StringComparison.Ordinal);
        Assert.Contains("{{- $shards := int .Values.dataJob.shards }}", template, StringComparison.Ordinal);
        var index = Assert.Single(((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>(), env => HelmChart.Scalar(env, "name") == "JOB_COMPLETION_INDEX");
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", HelmChart.Scalar(index, "valueFrom.fieldRef.fieldPath"));
    }

    [Fact]
    public void Data_job_pods_are_not_selected_by_the_optimizer_service()
    {
        var helpers = Chart.Templates["_helpers.tpl"];
        Assert.Contains("app.kubernetes.io/component: optimizer", Section(helpers, "vpo.selectorLabels"), StringComparison.Ordinal);
        Assert.Contains("app.kubernetes.io/component: data", Section(helpers, "vpo.dataJobLabels"), StringComparison.Ordinal);
        Assert.DoesNotContain("vpo.labels", Chart.Templates["data-job.yaml"], StringComparison.Ordinal);
        foreach (var file in new[] { "service.yaml", "pdb.yaml", "networkpolicy.yaml", "servicemonitor.yaml" })
        {
            Assert.Contains("include \"vpo.selectorLabels\" .", Chart.Templates[file], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Names_are_cut_to_dns_label_length()
    {
        var helpers = Chart.Templates["_helpers.tpl"];
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(Section(helpers, "vpo.fullname"), @"trunc 63 \| trimSuffix ""-""").Count);
        // Indexed Job pods get the hostname <job>-<index>: the Job name leaves room for the index.
        Assert.Contains("trunc 52", Section(helpers, "vpo.dataJobName"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image.repository", "_helpers.tpl")]
    [InlineData("dataJob.image.repository", "_helpers.tpl")]
    [InlineData("dataJob.stage", "_helpers.tpl")]
    [InlineData("model.pvc.claimName", "deployment.yaml")]
    [InlineData("model.initContainer.image", "deployment.yaml")]
    [InlineData("apiKeyAuthentication.existingSecret", "deployment.yaml")]
    [InlineData("dataJob.workVolume.claimName", "data-job.yaml")]
    [InlineData("videos.apiKeys.existingSecret", "deployment.yaml")]
    public void Mandatory_values_are_required_by_the_template_that_uses_them(string value, string file) =>
        Assert.Matches($@"required ""{System.Text.RegularExpressions.Regex.Escape(value)} [^""]*"" \$?\.Values\.{System.Text.RegularExpressions.Regex.Escape(value)}\b", Chart.Templates[file]);

    [Fact]
    public void Queue_length_metric_is_asked_for_only_where_a_custom_metrics_adapter_serves_it()
    {
        var hpa = Chart.Templates["hpa.yaml"];

        Assert.Contains("{{- if and .Values.autoscaling.queueLength.enabled (.Capabilities.APIVersions.Has \"custom.metrics.k8s.io/v1beta1\") }}", hpa, StringComparison.Ordinal);
        var metrics = (YamlSequenceNode)HelmChart.Find(Assert.Single(HelmTemplateText.Skeleton(hpa)), "spec.metrics")!;
        Assert.Equal(["Resource", "Pods"], metrics.Children.Select(metric => HelmChart.Scalar((YamlMappingNode)metric, "type")));
        Assert.Equal("cpu", HelmChart.Scalar((YamlMappingNode)metrics.Children[0], "resource.name"));
    }

    [Fact]
    public void Gpu_count_adds_the_gpu_resource_to_the_limits()
    {
        var resources = Section(Chart.Templates["_helpers.tpl"], "vpo.resources");

        Assert.Contains("{{- if gt (int .Values.gpu.count) 0 }}", resources, StringComparison.Ordinal);
        Assert.Contains("{{- $_ := set $limits .Values.gpu.resourceName (.Values.gpu.count | toString) }}", resources, StringComparison.Ordinal);
        Assert.Equal("nvidia.com/gpu", HelmChart.Scalar(Chart.Values, "gpu.resourceName"));
        Assert.Contains("{{- include \"vpo.resources\" . | nindent 12 }}", Chart.Templates["deployment.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Shutdown_grace_period_covers_the_pre_stop_pause_and_the_drain()
    {
        var grace = int.Parse(HelmChart.Scalar(Chart.Values, "terminationGracePeriodSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var preStop = int.Parse(HelmChart.Scalar(Chart.Values, "preStopSleepSeconds")!, System.Globalization.CultureInfo.InvariantCulture);
        var drain = TimeSpan.Parse(HelmChart.Scalar(Chart.Values, "settings.GracefulShutdown.DrainTimeout")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(grace > preStop + drain.TotalSeconds, $"terminationGracePeriodSeconds {grace} <= {preStop} + {drain.TotalSeconds}");
    }

    private static YamlMappingNode Deployment() => Assert.Single(HelmTemplateText.Skeleton(Chart.Templates["deployment.yaml"]));

    private static YamlMappingNode OptimizerContainer()
    {
        var containers = (YamlSequenceNode)HelmChart.Find(Deployment(), "spec.template.spec.containers")!;
        var container = Assert.IsType<YamlMappingNode>(Assert.Single(containers.Children));
        Assert.Equal("optimizer", HelmChart.Scalar(container, "name"));
        return container;
    }

    private static string Section(string helpers, string name)
    {
        var start = helpers.IndexOf($"define \"{name}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no helper {name}");
        var end = helpers.IndexOf("{{- end }}\n\n", start, StringComparison.Ordinal);
        return end < 0 ? helpers[start..] : helpers[start..end];
    }
}
