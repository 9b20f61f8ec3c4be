using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// What can be checked of the Dockerfile without a Docker engine: pinned bases, the non-root user and port, the
/// CUDA switch from build argument to packages, and that the build context holds every file the build copies.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly DockerfileDocument Dockerfile = DockerfileDocument.Load(RepositoryRoot.Combine("Dockerfile"));

    [Fact]
    public void Every_base_image_is_pinned_to_an_exact_version()
    {
        var stageNames = Dockerfile.Stages.Select(stage => stage.Name).OfType<string>().ToHashSet();
        var external = Dockerfile.Stages.Where(stage => !stageNames.Contains(stage.ResolvedImage) && !stage.ResolvedImage.StartsWith("runtime-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(external);
        foreach (var stage in external)
        {
            var image = stage.ResolvedImage;
            Assert.DoesNotContain("$", image);
            var tag = image[(image.LastIndexOf('/') + 1)..].Split(':') is [_, var t] ? t : null;
            Assert.False(tag is null, $"{image} has no tag");
            Assert.NotEqual("latest", tag);
            Assert.Matches(ExactVersion(), tag);
        }

        Assert.Contains(external, stage => SdkImage().IsMatch(stage.ResolvedImage));
        Assert.Contains(external, stage => AspNetImage().IsMatch(stage.ResolvedImage));
        Assert.Contains(external, stage => CudaImage().IsMatch(stage.ResolvedImage));
    }

    [Fact]
    public void Sdk_image_satisfies_global_json_and_matches_the_runtime_release()
    {
        var sdk = SdkImage().Match(Dockerfile.GlobalArguments["SDK_IMAGE"]);
        var runtime = AspNetImage().Match(Dockerfile.GlobalArguments["ASPNET_IMAGE"]);
        Assert.True(sdk.Success && runtime.Success);
        var globalJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("global.json")));
        var wanted = Version.Parse(globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!);
        var pinned = Version.Parse(sdk.Groups["version"].Value);
        // rollForward latestFeature: same major.minor, feature band at least the one global.json names.
        Assert.Equal((wanted.Major, wanted.Minor), (pinned.Major, pinned.Minor));
        Assert.True(pinned.Build / 100 >= wanted.Build / 100, $"SDK {pinned} is below global.json's {wanted}");
        var aspnet = Version.Parse(runtime.Groups["version"].Value);
        Assert.Equal((pinned.Major, pinned.Minor), (aspnet.Major, aspnet.Minor));
        // The runtime is copied from the ASP.NET image into the CUDA image: both must be the same Ubuntu release.
        Assert.EndsWith("-noble", Dockerfile.GlobalArguments["ASPNET_IMAGE"], StringComparison.Ordinal);
        Assert.EndsWith("-ubuntu24.04", Dockerfile.GlobalArguments["CUDA_IMAGE"], StringComparison.Ordinal);
    }

    [Fact]
    public void Service_image_runs_as_the_non_root_app_user_on_port_8080()
    {
        var final = Dockerfile.FinalStage;
        Assert.Equal("service", final.Name);
        var instructions = Dockerfile.InstructionsOf(final.Name);
        Assert.Equal("$APP_UID", instructions.Last(instruction => instruction.Keyword == "USER").Arguments);
        Assert.DoesNotContain(Dockerfile.Instructions, instruction => instruction.Keyword == "USER" && instruction.Arguments is "root" or "0");
        Assert.Contains(instructions, instruction => instruction.Keyword == "EXPOSE" && instruction.Arguments == "8080");
        Assert.Contains(instructions, instruction => instruction.Keyword == "ENV" && instruction.Arguments.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));

        // The ASP.NET images bring the user app with id 1654 (APP_UID); the CUDA runtime makes the same user, and
        // the chart's securityContext runs as that id, so both variants behave alike under runAsNonRoot.
        var cuda = string.Join('\n', Dockerfile.InstructionsOf("runtime-cuda").Select(instruction => instruction.Arguments));
        Assert.Contains("useradd --uid 1654 --gid app", cuda, StringComparison.Ordinal);
        Assert.Contains("APP_UID=1654", cuda, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_HTTP_PORTS=8080", cuda, StringComparison.Ordinal);
        var values = HelmChart.Load().Values;
        Assert.Equal("1654", HelmChart.Scalar(values, "podSecurityContext.runAsUser"));
        Assert.Equal("true", HelmChart.Scalar(values, "podSecurityContext.runAsNonRoot"));
        Assert.Equal(8080, int.Parse(HelmChart.Scalar(values, "containerPort")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Variant_argument_selects_the_runtime_base_for_cpu_and_cuda()
    {
        Assert.Equal("cpu", Dockerfile.GlobalArguments["VARIANT"]);
        foreach (var (variant, baseImage) in new[] { ("cpu", "ASPNET_IMAGE"), ("cuda", "CUDA_IMAGE") })
        {
            var arguments = new Dictionary<string, string>(Dockerfile.GlobalArguments) { ["VARIANT"] = variant };
            var runtimeStage = Dockerfile.Stage(DockerfileDocument.Substitute(Dockerfile.FinalStage.Image, arguments));
            Assert.Equal($"runtime-{variant}", runtimeStage.Name);
            Assert.Equal(Dockerfile.GlobalArguments[baseImage], runtimeStage.ResolvedImage);
            var provider = Dockerfile.InstructionsOf(runtimeStage.Name).Single(instruction => instruction.Keyword == "ENV" && instruction.Arguments.Contains("Inference__Provider", StringComparison.Ordinal));
            Assert.Contains($"Inference__Provider={variant}", provider.Arguments, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("cpu", "false")]
    [InlineData("cuda", "true")]
    public async Task Variant_argument_reaches_the_publish_script_as_the_cuda_switch(string variant, string expected)
    {
        // Run the build stage's RUN lines with a stand-in for scripts/publish.sh that records what it was given.
        using var sandbox = new TemporaryFolder();
        var record = Path.Combine(sandbox.Path, "calls.txt");
        await sandbox.WriteScriptAsync("scripts/publish.sh", $"#!/bin/sh\necho \"VPO_CUDA=$VPO_CUDA VPO_APP=${{VPO_APP:-api}} $*\" >> '{record}'\n");
        foreach (var stage in new[] { "build", "build-train" })
        {
            foreach (var run in Dockerfile.InstructionsOf(stage).Where(instruction => instruction.Keyword == "RUN"))
            {
                var result = await ShellCommand.RunAsync("/bin/sh", ["-c", run.Arguments], sandbox.Path,
                    new Dictionary<string, string> { ["VARIANT"] = variant }, cancellationToken: TestContext.Current.CancellationToken);
                Assert.True(result.ExitCode == 0, result.Error);
            }
        }

        var calls = await File.ReadAllLinesAsync(record, TestContext.Current.CancellationToken);
        Assert.Equal(
            [
                $"VPO_CUDA={expected} VPO_APP=api restore",
                $"VPO_CUDA={expected} VPO_APP=api publish /out",
                $"VPO_CUDA={expected} VPO_APP=train restore",
                $"VPO_CUDA={expected} VPO_APP=train publish /out",
            ],
            calls);
    }

    [Theory]
    [InlineData("true", "api", "src/Api/Vpo.Api.csproj")]
    [InlineData("false", "api", "src/Api/Vpo.Api.csproj")]
    [InlineData("true", "train", "src/Training/Vpo.Training.csproj")]
    public async Task Publish_script_passes_the_cuda_switch_to_dotnet(string cuda, string app, string project)
    {
        // A stand-in dotnet first on PATH records the command line the script would run.
        using var sandbox = new TemporaryFolder();
        var record = Path.Combine(sandbox.Path, "dotnet.txt");
        await sandbox.WriteScriptAsync("dotnet", $"#!/bin/sh\necho \"$*\" >> '{record}'\n");
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{sandbox.Path}:{Environment.GetEnvironmentVariable("PATH")}",
            ["VPO_CUDA"] = cuda,
            ["VPO_APP"] = app,
            ["CONFIGURATION"] = "Release",
        };
        var result = await ShellCommand.RunAsync(RepositoryRoot.Combine("scripts/publish.sh"), ["publish", "/out"], sandbox.Path, environment, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.Error);
        var line = Assert.Single(await File.ReadAllLinesAsync(record, TestContext.Current.CancellationToken));
        Assert.StartsWith($"publish {project} -c Release --self-contained false -o /out -r linux-x64 -p:VpoCuda={cuda}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_script_refuses_an_unknown_cuda_switch()
    {
        var result = await ShellCommand.RunAsync(RepositoryRoot.Combine("scripts/publish.sh"), ["restore"], RepositoryRoot.Path,
            new Dictionary<string, string> { ["VPO_CUDA"] = "yes" }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("VPO_CUDA must be true or false, got 'yes'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_switch_swaps_the_onnx_runtime_packages_for_their_gpu_builds()
    {
        var project = XDocument.Load(RepositoryRoot.Combine("src/Inference/Vpo.Inference.csproj"));
        string[] PackagesWhen(string condition) =>
        [
            .. project.Descendants("ItemGroup")
                .Where(group => (string?)group.Attribute("Condition") == condition)
                .Elements("PackageReference")
                .Select(reference => (string)reference.Attribute("Include")!)
                .Order(StringComparer.Ordinal),
        ];

        Assert.Equal(["Microsoft.ML.OnnxRuntime.Gpu", "Microsoft.ML.OnnxRuntimeGenAI.Cuda"], PackagesWhen("'$(VpoCuda)' == 'true'"));
        Assert.Equal(["Microsoft.ML.OnnxRuntimeGenAI"], PackagesWhen("'$(VpoCuda)' != 'true'"));
    }

    [Fact]
    public void Every_copied_source_exists_and_is_in_the_build_context()
    {
        var ignore = DockerIgnore.Load(RepositoryRoot.Combine(".dockerignore"));
        var copies = Dockerfile.Instructions.Where(instruction => instruction.Keyword == "COPY" && !instruction.Arguments.StartsWith("--from", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var parts = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = RepositoryRoot.Combine(source);
                if (Directory.Exists(path))
                {
                    var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                        .Select(file => Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/'))
                        .Where(file => !ignore.Excludes(file))
                        .ToList();
                    Assert.True(files.Count > 0, $"line {copy.Line}: COPY {source} copies nothing the build context keeps");
                }
                else
                {
                    Assert.True(File.Exists(path), $"line {copy.Line}: COPY {source}: no such file in the repository");
                    Assert.False(ignore.Excludes(source.TrimEnd('/')), $"line {copy.Line}: COPY {source} is excluded by .dockerignore");
                }
            }
        }
    }

    [Fact]
    public void Build_context_keeps_the_model_and_sources_but_not_build_outputs_or_caches()
    {
        var ignore = DockerIgnore.Load(RepositoryRoot.Combine(".dockerignore"));

        Assert.True(ignore.Excludes("src/Api/bin/Release/net10.0/Vpo.Api.dll"));
        Assert.True(ignore.Excludes("src/Inference/obj/project.assets.json"));
        Assert.True(ignore.Excludes("tests/Api.Tests/bin/Release/net10.0/Vpo.Api.Tests.dll"));
        Assert.True(ignore.Excludes(".cache/torch-runtime/usr/lib/libc.so.6"));
        Assert.True(ignore.Excludes(".git/HEAD"));
        Assert.False(ignore.Excludes("src/Api/Vpo.Api.csproj"));
        Assert.False(ignore.Excludes("src/Inference/Vpo.Inference.csproj"));
        Assert.False(ignore.Excludes("onnx/model.onnx.data"));
        Assert.False(ignore.Excludes("scripts/publish.sh"));
        Assert.False(ignore.Excludes("Directory.Packages.props"));
    }

    [Fact]
    public void Shipped_model_is_baked_where_the_model_path_setting_points()
    {
        var service = Dockerfile.InstructionsOf("service");
        Assert.Contains(service, instruction => instruction.Keyword == "COPY" && instruction.Arguments == "onnx/ /app/onnx/");
        Assert.Contains(service, instruction => instruction.Keyword == "ENV" && instruction.Arguments.Contains("Inference__ModelPath=/app/onnx", StringComparison.Ordinal));
        Assert.True(File.Exists(RepositoryRoot.Combine("onnx/genai_config.json")));
    }

    [Fact]
    public async Task Service_runs_with_two_malloc_arenas_in_the_image_and_from_the_run_script()
    {
        var service = Dockerfile.InstructionsOf("service");
        Assert.Contains(service, instruction => instruction.Keyword == "ENV" && instruction.Arguments.Contains("MALLOC_ARENA_MAX=2", StringComparison.Ordinal));
        var runScript = await File.ReadAllTextAsync(RepositoryRoot.Combine("scripts/run.sh"), TestContext.Current.CancellationToken);
        Assert.Contains("export MALLOC_ARENA_MAX=\"${MALLOC_ARENA_MAX:-2}\"", runScript, StringComparison.Ordinal);
    }

    [Fact]
    public void Healthcheck_asks_the_liveness_endpoint_the_chart_probes()
    {
        var healthcheck = Assert.Single(Dockerfile.InstructionsOf("service"), instruction => instruction.Keyword == "HEALTHCHECK");
        var liveness = HelmChart.Scalar(HelmChart.Load().Values, "probes.liveness.path");
        Assert.Contains($"GET {liveness} HTTP/1.1", healthcheck.Arguments, StringComparison.Ordinal);
        Assert.Contains("${ASPNETCORE_HTTP_PORTS:-8080}", healthcheck.Arguments, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\d+\.\d+\.\d+")]
    private static partial Regex ExactVersion();

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/sdk:(?<version>\d+\.\d+\.\d{3})-[a-z]+$")]
    private static partial Regex SdkImage();

    [GeneratedRegex(@"^mcr\.microsoft\.com/dotnet/aspnet:(?<version>\d+\.\d+\.\d+)-[a-z]+$")]
    private static partial Regex AspNetImage();

    [GeneratedRegex(@"^nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-ubuntu\d+\.\d+$")]
    private static partial Regex CudaImage();
}
