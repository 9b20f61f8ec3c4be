using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vpo.Api.Tests.Deployment;

namespace Vpo.Api.Tests.Video;

/// <summary>
/// The built service (the <c>Vpo.Api</c> apphost of the same configuration as these tests) as a child process on a
/// free loopback port with the tiny model, so a test can kill it the way the kernel's OOM killer or a node failure
/// does: <see cref="Kill"/> sends SIGKILL, no shutdown code runs. Disposing kills it too, so a failing test leaves
/// no process behind; a test run that ends with children still alive kills them on its way out.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Alive = new();
    private readonly Process _process;
    private readonly StringBuilder _output;

    static ServiceProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var process in Alive.Values)
        {
            Stop(process);
        }
    };

    private ServiceProcess(Process process, StringBuilder output, Uri address)
    {
        _process = process;
        _output = output;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A client for the service's address.</summary>
    public HttpClient Client { get; }

    /// <summary>What the service printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The apphost next to the tests' own build: <c>src/Api/bin/&lt;Configuration&gt;/net10.0/Vpo.Api</c>.</summary>
    public static string Apphost
    {
        get
        {
            // The tests run from tests/Api.Tests/bin/<Configuration>/<framework>/.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var name = OperatingSystem.IsWindows() ? "Vpo.Api.exe" : "Vpo.Api";
            return RepositoryRoot.Combine($"src/Api/bin/{configuration}/{framework.Name}/{name}");
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> (<c>Section:Key=value</c>) and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartReadyAsync(params string[] settings)
    {
        var apphost = Apphost;
        Assert.True(File.Exists(apphost), $"The service is not built: {apphost} (scripts/test.sh builds the solution; or `dotnet build src/Api -c Release`).");
        var port = FreePort();
        var start = new ProcessStartInfo(apphost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apphost)!,
        };
        start.Environment["MALLOC_ARENA_MAX"] = "2";
        string[] defaults =
        [
            $"urls=http://127.0.0.1:{port}",
            $"Inference:ModelPath={TinyModel.FolderPath}",
            "Logging:LogLevel:Default=Warning",
            "Logging:LogLevel:Microsoft.AspNetCore=Error",
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            "Logging:LogLevel:Vpo.Inference.Video=Information",
        ];
        foreach (var setting in defaults.Concat(settings))
        {
            start.ArgumentList.Add("--" + setting);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {apphost}.");
        Alive[process.Id] = process;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await service.WaitUntilReadyAsync();
            return service;
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: the process ends at once, with no graceful shutdown, and this returns once it is gone.</summary>
    public void Kill()
    {
        Stop(_process);
        Assert.True(_process.HasExited, "the service survived SIGKILL");
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // On Unix Process.Kill sends SIGKILL.
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }

            Alive.TryRemove(process.Id, out _);
        }
        catch (InvalidOperationException)
        {
            // Never started or already disposed: nothing to stop.
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, $"the service exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"the service was not ready within 30 s:\n{Output}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
