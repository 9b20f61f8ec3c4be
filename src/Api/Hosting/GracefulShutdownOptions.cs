using System.ComponentModel.DataAnnotations;

namespace Vpo.Api.Hosting;

/// <summary>
/// How the service stops, bound from the <c>GracefulShutdown</c> section and validated at start. When the host is
/// told to stop (SIGTERM), queued generations and new requests get 503 with Retry-After at once, and the generator
/// runs already under way finish, for at most <see cref="DrainTimeout"/>.
/// </summary>
public sealed class GracefulShutdownOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "GracefulShutdown";

    /// <summary>
    /// How long running requests may take to finish after the stop signal; the host's shutdown timeout. Keep it below
    /// the orchestrator's grace period (Kubernetes: terminationGracePeriodSeconds, minus any preStop pause).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
