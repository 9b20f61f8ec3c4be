using Vpo.Inference.Scheduling;

namespace Vpo.Api.Hosting;

/// <summary>
/// Whether the host is stopping. Set when the application starts stopping, before the server drains its requests:
/// from then on the scheduler refuses queued and new generations, readiness reports unhealthy and the middleware
/// answers new requests 503.
/// </summary>
public sealed class GracefulShutdownState(IHostApplicationLifetime lifetime, GenerationScheduler scheduler) : IHostedService
{
    private int _stopping;

    /// <summary>Whether the stop signal has arrived.</summary>
    public bool IsStopping => Volatile.Read(ref _stopping) == 1;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(BeginStopping);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the graceful shutdown (also what the stop signal does); later calls do nothing.</summary>
    public void BeginStopping()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            scheduler.StopAccepting();
        }
    }
}
