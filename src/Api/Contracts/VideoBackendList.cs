namespace Vpo.Api.Contracts;

/// <summary>The configured video backends.</summary>
public sealed record VideoBackendList
{
    /// <summary>The backends in configuration order; empty when none are configured.</summary>
    public required IReadOnlyList<VideoBackendInfo> Data { get; init; }
}

/// <summary>One video backend and its health. Credentials are never shown.</summary>
public sealed record VideoBackendInfo
{
    /// <summary>The name to pick it by in <c>POST /videos</c>.</summary>
    /// <example>cogvideox</example>
    public required string Name { get; init; }

    /// <summary><c>cog_predictions</c> or <c>openai_videos</c>.</summary>
    /// <example>cog_predictions</example>
    public required string Protocol { get; init; }

    /// <summary>The server root.</summary>
    /// <example>http://cogvideox:5000/</example>
    public required string BaseUrl { get; init; }

    /// <summary>
    /// The circuit breaker: <c>closed</c> (calls flow), <c>open</c> (calls fail at once after repeated failures),
    /// <c>half_open</c> (a trial call is under way), or <c>none</c> without a breaker.
    /// </summary>
    /// <example>closed</example>
    public required string Circuit { get; init; }

    /// <summary>Whether the backend looks usable: circuit not open and the last call, if any, succeeded.</summary>
    /// <example>true</example>
    public required bool Healthy { get; init; }

    /// <summary>The last request attempt to the backend (retries included).</summary>
    public BackendCallInfo? LastCall { get; init; }

    /// <summary>The last failed request attempt.</summary>
    public BackendCallInfo? LastFailure { get; init; }
}

/// <summary>One request attempt to a backend.</summary>
public sealed record BackendCallInfo
{
    /// <summary>When it ended.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Method and path.</summary>
    /// <example>PUT /predictions/0f8fad5bd9cb469fa16570867728950e</example>
    public required string Request { get; init; }

    /// <summary>Whether it answered without a transport error, timeout, 408, 429 or 5xx.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Status code and reason, or the error.</summary>
    /// <example>200 OK</example>
    public required string Outcome { get; init; }
}
