using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vpo.Bench.Load;

/// <summary>
/// The real optimizer service (the built <c>Vpo.Api</c> apphost) as a child process on a free loopback port, so its
/// CPU time and resident memory are its own and not the load generator's.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the service listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>CPU time the service has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>The most resident memory the process has had (the kernel's high-water mark), in bytes.</summary>
    public long PeakResidentBytes
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>Starts the service on <paramref name="modelFolder"/> with <paramref name="maxBatchSize"/> and waits until it is ready.</summary>
    public static async Task<ServiceProcess> StartAsync(string apphost, string modelFolder, int maxBatchSize, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        if (!File.Exists(apphost))
        {
            throw new FileNotFoundException($"The service is not built: {apphost} (run `dotnet build src/Api -c Release`).", apphost);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(apphost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apphost)!,
        };
        // As scripts/run.sh and the container image run it (two malloc arenas), unless the caller chose otherwise.
        if (Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null)
        {
            start.Environment["MALLOC_ARENA_MAX"] = "2";
        }

        foreach (var argument in new[]
        {
            $"--urls=http://127.0.0.1:{port}",
            $"--Inference:ModelPath={Path.GetFullPath(modelFolder)}",
            $"--Inference:MaxBatchSize={maxBatchSize}",
            // Closed-loop clients never exceed their concurrency, so the queue must hold the largest level.
            "--Inference:QueueCapacity=1024",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {apphost}.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await service.WaitUntilReadyAsync(readyTimeout, output, cancellationToken).ConfigureAwait(false);
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, System.Text.StringBuilder output, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Snapshot(output)}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds:F0} s:\n{Snapshot(output)}");
    }

    private static void Append(System.Text.StringBuilder output, string? line)
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

    private static string Snapshot(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
