using System.ComponentModel.DataAnnotations;
using Vpo.Inference.Http;

namespace Vpo.Training.Construction.Reward;

/// <summary>The reward endpoint (see <see cref="VisionRewardClient"/> for its contract).</summary>
public sealed record VisionRewardOptions
{
    /// <summary>The endpoint's full URL, e.g. <c>http://reward-host:8001/checklist</c>.</summary>
    [Required]
    public required Uri Endpoint { get; init; }

    /// <summary>Bearer token, if the endpoint needs one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Retries and limits (64 answers about a video take a GPU a while: one attempt may take minutes).</summary>
    public ResilientHttpOptions Http { get; init; } = new() { AttemptTimeout = TimeSpan.FromMinutes(10), MaxConcurrency = 2 };

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        Http.Validate();
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ValidationException($"The reward endpoint '{Endpoint}' is not an absolute http(s) URL.");
        }
    }
}
