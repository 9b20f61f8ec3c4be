using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Vpo.Api.Hosting;

/// <summary>
/// Authenticates a request by its API key (<see cref="ApiKeyAuthenticationOptions.HeaderName"/> or a bearer token) and
/// names the caller after the key's client. A challenge answers 401 problem details saying whether the key was
/// missing or unknown, never echoing it.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyAuthenticationOptions> keyOptions,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    /// <summary>The authentication scheme name.</summary>
    public const string SchemeName = "ApiKey";

    private const string MissingKey = "missing";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var options = keyOptions.CurrentValue;
        if (!options.Enabled)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = PresentedKey(Request, options.HeaderName);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = FindClient(options, presented);
        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, client)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var options = keyOptions.CurrentValue;
        var missing = PresentedKey(Request, options.HeaderName) is null;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"vpo\", {MissingKey}=\"{(missing ? "true" : "false")}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = missing
                    ? $"Send an API key in the {options.HeaderName} header or as 'Authorization: Bearer <key>'."
                    : "The API key is not known.",
            },
        });
    }

    private static string? PresentedKey(HttpRequest request, string headerName)
    {
        var header = request.Headers[headerName].ToString();
        if (header.Length > 0)
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    // Compares hashes in constant time and always looks at every key, so timing tells nothing about how close a guess was.
    private static string? FindClient(ApiKeyAuthenticationOptions options, string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? match = null;
        foreach (var (client, key) in options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                match = client;
            }
        }

        return match;
    }
}
