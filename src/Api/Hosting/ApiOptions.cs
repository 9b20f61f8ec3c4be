using System.ComponentModel.DataAnnotations;

namespace Vpo.Api.Hosting;

/// <summary>HTTP-level limits of the service, bound from the <c>Api</c> section and validated at start.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Api";

    /// <summary>The name of the request-timeout policy applied to <c>POST /optimize</c>.</summary>
    public const string OptimizeTimeoutPolicy = "optimize";

    /// <summary>The largest request body accepted by <c>POST /optimize</c>, in bytes (default 512 KiB: 32 long queries fit).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>How long one optimize request may take before it is cancelled and answered 504.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The service name reported to OpenTelemetry.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "vpo-optimizer";
}
