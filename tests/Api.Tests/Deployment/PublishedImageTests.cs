using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// The image's build and start without Docker: the files the Dockerfile copies are laid out in a fresh folder, the
/// build stage's command (scripts/publish.sh) publishes them, the image's native-library check runs on the output,
/// and the published service is started the way the image starts it — same environment, the model at the baked-in
/// path — then probed with the image's HEALTHCHECK command and stopped with SIGTERM.
/// </summary>
public sealed class PublishedImageTests
{
    private static readonly DockerfileDocument Dockerfile = DockerfileDocument.Load(RepositoryRoot.Combine("Dockerfile"));

    [Fact]
    public async Task Service_published_from_the_build_context_starts_answers_and_stops_like_the_image()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var work = new TemporaryFolder();
        var context = Path.Combine(work.Path, "context");
        var app = Path.Combine(work.Path, "app");
        CopyBuildContext(context);

        // The build stage: the same script, from the copied files alone.
        var publish = await ShellCommand.RunAsync(Path.Combine(context, "scripts", "publish.sh"), ["publish", app], context,
            new Dictionary<string, string> { ["VPO_CUDA"] = "false", ["CONFIGURATION"] = "Release", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
            TimeSpan.FromMinutes(8), cancellationToken);
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);
        Assert.True(File.Exists(Path.Combine(app, "Vpo.Api.dll")));
        Assert.True(File.Exists(Path.Combine(app, "libonnxruntime-genai.so")));
        Assert.True(File.Exists(Path.Combine(app, "libonnxruntime.so")));

        // The service stage: the model baked in, then the image's own ldd check.
        CopyFolder(RepositoryRoot.Combine("onnx"), Path.Combine(app, "onnx"));
        foreach (var run in Dockerfile.InstructionsOf("service").Where(instruction => instruction.Keyword == "RUN"))
        {
            var check = await ShellCommand.RunAsync("/bin/sh", ["-c", run.Arguments.Replace("/app/", app + "/", StringComparison.Ordinal)], app, cancellationToken: cancellationToken);
            Assert.True(check.ExitCode == 0, check.Output + check.Error);
        }

        var port = FreePort();
        var environment = ImageEnvironment(app);
        environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entrypoint = Assert.Single(Dockerfile.InstructionsOf("service"), instruction => instruction.Keyword == "ENTRYPOINT");
        Assert.Equal("""["dotnet", "/app/Vpo.Api.dll"]""", entrypoint.Arguments);

        using var service = StartProcess("dotnet", [Path.Combine(app, "Vpo.Api.dll")], app, environment);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(client, service, cancellationToken);

            Assert.Equal(0, await RunHealthcheckAsync(port, cancellationToken));
            using (var response = await client.PostAsJsonAsync("/optimize", new { query = "a cat playing piano", options = new { max_new_tokens = 8, seed = 1 } }, cancellationToken))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            using (var kill = Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(cancellationToken);
            }

            using var exit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            exit.CancelAfter(TimeSpan.FromSeconds(30));
            await service.WaitForExitAsync(exit.Token);
            Assert.Equal(0, service.ExitCode);
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill(entireProcessTree: true);
            }
        }

        Assert.NotEqual(0, await RunHealthcheckAsync(port, cancellationToken));
    }

    // The environment the image gives the service: ENV of the CPU runtime stage and of the service stage, with /app
    // pointing at the published folder.
    private static Dictionary<string, string> ImageEnvironment(string app)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        foreach (var stage in new[] { "runtime-cpu", "service" })
        {
            foreach (var env in Dockerfile.InstructionsOf(stage).Where(instruction => instruction.Keyword == "ENV"))
            {
                foreach (var pair in env.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    Assert.True(equals > 0, $"line {env.Line}: ENV {pair} is not NAME=value");
                    environment[pair[..equals]] = pair[(equals + 1)..].Replace("/app", app, StringComparison.Ordinal);
                }
            }
        }

        Assert.Equal(Path.Combine(app, "onnx"), environment["Inference__ModelPath"]);
        Assert.Equal("cpu", environment["Inference__Provider"]);
        return environment;
    }

    private static async Task<int> RunHealthcheckAsync(int port, CancellationToken cancellationToken)
    {
        var healthcheck = Assert.Single(Dockerfile.InstructionsOf("service"), instruction => instruction.Keyword == "HEALTHCHECK");
        var command = healthcheck.Arguments[(healthcheck.Arguments.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];
        var argv = System.Text.Json.JsonSerializer.Deserialize<string[]>(command)!;
        var result = await ShellCommand.RunAsync(argv[0], argv[1..], Path.GetTempPath(),
            new Dictionary<string, string> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            TimeSpan.FromSeconds(10), cancellationToken);
        return result.ExitCode;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process service, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(service.HasExited, $"the published service exited with {(service.HasExited ? service.ExitCode : 0)}");
            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, "the published service did not become ready in 60 s");
            await Task.Delay(100, cancellationToken);
        }
    }

    // Exactly what the Dockerfile's build stage copies, less what .dockerignore keeps out of the context.
    private static void CopyBuildContext(string context)
    {
        var ignore = DockerIgnore.Load(RepositoryRoot.Combine(".dockerignore"));
        foreach (var copy in Dockerfile.InstructionsOf("build").Where(instruction => instruction.Keyword == "COPY"))
        {
            foreach (var source in copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            {
                var path = RepositoryRoot.Combine(source);
                var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path];
                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
                    if (ignore.Excludes(relative))
                    {
                        continue;
                    }

                    var target = Path.Combine(context, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target, overwrite: true);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, File.GetUnixFileMode(file));
                    }
                }
            }
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static Process StartProcess(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        // Drain the pipes so a chatty service never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
