using System.ComponentModel.DataAnnotations;

namespace Vpo.Api.Hosting;

/// <summary>
/// Which browser origins may call the API (CORS), bound from the <c>Cors</c> section and validated at start. No
/// origins (the default) means no CORS headers: browsers on other origins are refused by their own rules.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cors";

    /// <summary>Allowed origins (<c>https://studio.example.com</c>), or the single entry <c>*</c> for any origin.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    // Null rather than a filled list: the configuration binder appends to a list it finds, so a configured list
    // could never replace a filled default.
    /// <summary>Allowed request methods; when not set, GET and POST.</summary>
    public List<string>? AllowedMethods { get; set; }

    /// <summary>Allowed request headers; when not set, Content-Type, Authorization and X-Api-Key (so browsers may send a key).</summary>
    public List<string>? AllowedHeaders { get; set; }

    /// <summary>Response headers scripts may read; when not set, Retry-After.</summary>
    public List<string>? ExposedHeaders { get; set; }

    /// <summary>How long browsers may cache a preflight answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the origins are allowed at all.</summary>
    public bool Enabled => AllowedOrigins.Count > 0;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedOrigins.Contains("*") && AllowedOrigins.Count > 1)
        {
            yield return new ValidationResult("Cors:AllowedOrigins: '*' allows every origin and must be the only entry.", [nameof(AllowedOrigins)]);
        }

        foreach (var origin in AllowedOrigins.Where(origin => origin != "*"))
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                yield return new ValidationResult(
                    $"Cors:AllowedOrigins: '{origin}' is not an origin; expected scheme://host[:port] such as https://studio.example.com.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
