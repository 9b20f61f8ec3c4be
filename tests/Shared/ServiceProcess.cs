using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vpo.Tests.Shared;

/// <summary>
/// The built service (a <c>Vpo.Api</c> apphost) as a child process on a free loopback port, started the way
/// <c>scripts/run.sh</c> and the container image start it (two malloc arenas). Used where the service must be its own
/// process: the kill/restart tests (<see cref="Kill"/> sends SIGKILL, no shutdown code runs) and the benchmark (its
/// CPU time and resident memory are its own, not the load generator's). Disposing kills it too, and a process that
/// ends with children still alive kills them on its way out, so a failure leaves nothing behind.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
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
        BaseAddress = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the service listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client for the service's address (30 s timeout).</summary>
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

    /// <summary>
    /// Starts <paramref name="apphost"/> with <paramref name="settings"/> (<c>Section:Key=value</c>, after the listening
    /// address) and waits until <c>/health/ready</c> answers 200.
    /// </summary>
    /// <exception cref="FileNotFoundException">The service is not built.</exception>
    /// <exception cref="InvalidOperationException">The service exited before it was ready; the message holds its output.</exception>
    /// <exception cref="TimeoutException">The service was not ready within <paramref name="readyTimeout"/>.</exception>
    public static async Task<ServiceProcess> StartAsync(
        string apphost, IEnumerable<string> settings, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(apphost))
        {
            throw new FileNotFoundException($"The service is not built: {apphost} (scripts/test.sh builds the solution; or `dotnet build src/Api -c Release`).", apphost);
        }

        var port = FreePort();
        var start = new ProcessStartInfo(apphost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(apphost)!,
        };
        start.Environment["MALLOC_ARENA_MAX"] = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "2";
        foreach (var setting in settings.Prepend($"urls=http://127.0.0.1:{port}"))
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
            await service.WaitUntilReadyAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>SIGKILL: the process ends at once, with no graceful shutdown; returns once it is gone.</summary>
    /// <exception cref="InvalidOperationException">The process survived.</exception>
    public void Kill()
    {
        Stop(_process);
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("The service survived SIGKILL.");
        }
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

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Client.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed >= timeout)
            {
                throw new TimeoutException($"The service was not ready within {timeout.TotalSeconds:F0} s:\n{Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken).ConfigureAwait(false);
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
