using System.ComponentModel.DataAnnotations;

namespace Vpo.Api.Hosting;

/// <summary>
/// Optional API-key authentication, bound from the <c>ApiKeyAuthentication</c> section and validated at start. When on,
/// every endpoint but the anonymous paths (health probes) needs a known key in <see cref="HeaderName"/> or as
/// <c>Authorization: Bearer &lt;key&gt;</c>; otherwise the answer is 401 problem details. Keys come from the
/// environment or a secret store (<c>ApiKeyAuthentication__Keys__studio=...</c>), never from appsettings files.
/// </summary>
public sealed class ApiKeyAuthenticationOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "ApiKeyAuthentication";

    /// <summary>The shortest key accepted: shorter keys are guessable.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Whether a key is required.</summary>
    public bool Enabled { get; set; }

    /// <summary>The request header that carries the key.</summary>
    [Required(AllowEmptyStrings = false)]
    public string HeaderName { get; set; } = "X-Api-Key";

    /// <summary>Client name to key. The name identifies the caller in rate limits and metrics; the key is the secret.</summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    // Null rather than a filled list: the configuration binder appends to a list it finds, so a configured list
    // could never replace a filled default.
    /// <summary>Path prefixes open without a key; when not set, the health probes.</summary>
    public List<string>? AnonymousPaths { get; set; }

    /// <summary><see cref="AnonymousPaths"/> or its default, <c>/health</c>.</summary>
    public IReadOnlyList<string> EffectiveAnonymousPaths => AnonymousPaths ?? ["/health"];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Keys.Count == 0)
        {
            yield return new ValidationResult(
                "ApiKeyAuthentication:Enabled is true but ApiKeyAuthentication:Keys is empty; set ApiKeyAuthentication__Keys__<client>=<key>.",
                [nameof(Keys)]);
        }

        foreach (var (client, key) in Keys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinimumKeyLength)
            {
                // The key itself never goes into the message.
                yield return new ValidationResult(
                    $"ApiKeyAuthentication:Keys:{client} must be at least {MinimumKeyLength} characters long.",
                    [nameof(Keys)]);
            }
        }

        var duplicates = Keys.GroupBy(entry => entry.Value, StringComparer.Ordinal).Where(group => group.Count() > 1);
        foreach (var group in duplicates)
        {
            yield return new ValidationResult(
                $"ApiKeyAuthentication:Keys: clients {string.Join(", ", group.Select(entry => entry.Key))} share one key; give each client its own.",
                [nameof(Keys)]);
        }

        foreach (var path in EffectiveAnonymousPaths.Where(path => !path.StartsWith('/')))
        {
            yield return new ValidationResult($"ApiKeyAuthentication:AnonymousPaths entries must start with '/'; got '{path}'.", [nameof(AnonymousPaths)]);
        }
    }
}
