using System.ComponentModel.DataAnnotations;

namespace Vpo.Api.Hosting;

/// <summary>
/// Per-client request limits, bound from the <c>RateLimiting</c> section and validated at start. A client is the
/// API-key name when API keys are on, else the client's address (behind a proxy, enable forwarded headers so the
/// address is the caller's, not the proxy's). Over its limit a client gets 429 with Retry-After.
/// </summary>
public sealed class RateLimitingOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Whether requests are limited at all (off by default: a single deployment behind its own gateway needs none).</summary>
    public bool Enabled { get; set; }

    /// <summary>Requests one client may make per <see cref="Window"/>, unless <see cref="Clients"/> names it.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 60;

    /// <summary>The fixed window the permits are counted in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Limits of named clients (API-key names), replacing the defaults above for them.</summary>
    public Dictionary<string, ClientRateLimit> Clients { get; set; } = new(StringComparer.Ordinal);

    // Null rather than a filled list: the configuration binder appends to a list it finds, so a configured list
    // could never replace a filled default.
    /// <summary>Path prefixes never limited; when not set, the orchestrator probes and the metrics scraper.</summary>
    public List<string>? ExemptPaths { get; set; }

    /// <summary><see cref="ExemptPaths"/> or its default, <c>/health</c> and <c>/metrics</c>.</summary>
    public IReadOnlyList<string> EffectiveExemptPaths => ExemptPaths ?? ["/health", "/metrics"];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (client, limit) in Clients)
        {
            if (limit.PermitLimit is < 1 or > 1_000_000)
            {
                yield return new ValidationResult(
                    $"RateLimiting:Clients:{client}:PermitLimit must be between 1 and 1000000; got {limit.PermitLimit}.",
                    [nameof(Clients)]);
            }

            if (limit.Window is { } window && (window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromDays(1)))
            {
                yield return new ValidationResult(
                    $"RateLimiting:Clients:{client}:Window must be between 00:00:01 and 1.00:00:00; got {window}.",
                    [nameof(Clients)]);
            }
        }

        foreach (var path in EffectiveExemptPaths.Where(path => !path.StartsWith('/')))
        {
            yield return new ValidationResult($"RateLimiting:ExemptPaths entries must start with '/'; got '{path}'.", [nameof(ExemptPaths)]);
        }
    }
}

/// <summary>The limit of one named client.</summary>
public sealed class ClientRateLimit
{
    /// <summary>Requests this client may make per window.</summary>
    public int PermitLimit { get; set; }

    /// <summary>This client's window; the default window when not set.</summary>
    public TimeSpan? Window { get; set; }
}
