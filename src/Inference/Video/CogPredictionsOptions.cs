using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Vpo.Inference.Http;

namespace Vpo.Inference.Video;

/// <summary>
/// A video model behind the Cog / Replicate predictions protocol: <c>POST {BaseUrl}/predictions</c> with
/// <c>{"input": {...}}</c> (plus <c>"version"</c> on Replicate), then, unless the answer is already final,
/// <c>GET {BaseUrl}/predictions/{id}</c> (or the answer's <c>urls.get</c>) until the status is terminal.
/// </summary>
public sealed record CogPredictionsOptions
{
    /// <summary>The server's base URL: a Cog container (<c>http://host:5000</c>) or an API root ending in <c>/v1</c>.</summary>
    [Required]
    public required Uri BaseUrl { get; init; }

    /// <summary>Bearer token, if the server needs one.</summary>
    public string? ApiToken { get; init; }

    /// <summary>The model version id (Replicate); null for a Cog container, which serves one model.</summary>
    public string? Version { get; init; }

    /// <summary>The model input that receives the prompt.</summary>
    [Required]
    public string PromptField { get; init; } = "prompt";

    /// <summary>Inputs sent with every prediction (frames, guidance...), under the request's own.</summary>
    public JsonObject? DefaultInput { get; init; }

    /// <summary>The wait between two polls of an unfinished prediction.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one video may take in all before the prediction is cancelled and reported failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Retries and limits of every HTTP request (a sync Cog prediction holds its request while it renders).</summary>
    public ResilientHttpOptions Http { get; init; } = new() { AttemptTimeout = TimeSpan.FromMinutes(30), MaxConcurrency = 2 };

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        Http.Validate();
        if (!BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttp && BaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ValidationException($"The video backend URL '{BaseUrl}' is not an absolute http(s) URL.");
        }
    }
}
