using Vpo.Inference.Http;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// One video backend under <c>Videos:Backends</c>: its name, protocol, address, credentials and limits. The API key
/// comes from configuration (environment, user secrets, a mounted secret) and is never logged or shown.
/// </summary>
public sealed class VideoBackendOptions
{
    /// <summary>The name clients pick in <c>POST /videos</c> (letters, digits, <c>-</c>, <c>_</c>, <c>.</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The wire protocol: <c>CogPredictions</c> or <c>OpenAiVideos</c>.</summary>
    public VideoBackendProtocol Protocol { get; set; } = VideoBackendProtocol.CogPredictions;

    /// <summary>
    /// The server root: a Cog container (<c>http://cogvideox:5000</c>, requests go to <c>/predictions</c>) or an OpenAI-style
    /// API root ending in <c>/v1</c> (<c>https://api.openai.com/v1</c>, requests go to <c>/videos</c>).
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Bearer token sent as <c>Authorization</c>, if the server needs one. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model field of OpenAI-style requests (default <c>sora-2</c>); unused by Cog, which serves one model.</summary>
    public string? Model { get; set; }

    /// <summary>Retries, timeouts, concurrency and circuit breaker of every request to this backend.</summary>
    /// <remarks>
    /// A Cog submission is a synchronous request that lasts as long as the render, so its <c>AttemptTimeout</c> must
    /// exceed the longest render; OpenAI-style calls are short and want a short one.
    /// </remarks>
    public ResilientHttpOptions Http { get; set; } = new()
    {
        MaxRetries = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(30),
        AttemptTimeout = TimeSpan.FromMinutes(30),
        MaxConcurrency = 4,
        CircuitBreaker = new CircuitBreakerSettings(),
    };

    /// <summary>The first wait between two polls of an unfinished video; it grows by half per poll up to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two polls.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a video may take at the backend before the job is cancelled there and failed.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Cog input names for the job's settings, by setting: <c>prompt</c>, <c>negative_prompt</c>, <c>aspect_ratio</c>,
    /// <c>fps</c>, <c>seed</c>, <c>guidance_scale</c>, <c>num_frames</c>, <c>seconds</c>. A setting maps to the input of
    /// its own name unless renamed here; an empty name means the model has no such input and the setting is not sent.
    /// </summary>
    public Dictionary<string, string> InputNames { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Cog inputs sent with every prediction, under the job's own (e.g. <c>num_inference_steps: 50</c>); values are
    /// sent as JSON numbers or booleans when they read as such, else as strings.
    /// </summary>
    public Dictionary<string, string> DefaultInput { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// OpenAI-style <c>size</c> per aspect ratio, as <c>ratio=size</c> entries (<c>16:9=1280x720</c>; configuration keys
    /// cannot hold the ratio's colon, hence a list); when empty, Sora's: 16:9 → 1280x720, 9:16 → 720x1280,
    /// 7:4 → 1792x1024, 4:7 → 1024x1792. A job asking for another ratio is refused with the ratios this backend takes.
    /// </summary>
    public List<string> Sizes { get; set; } = [];

    /// <summary>The <see cref="Sizes"/> entries that read as <c>ratio=size</c>, by ratio.</summary>
    public Dictionary<string, string> SizesByRatio() => Sizes
        .Select(entry => (entry ?? string.Empty).Split('=', 2, StringSplitOptions.TrimEntries))
        .Where(parts => parts.Length == 2)
        .GroupBy(parts => parts[0], StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Last()[1], StringComparer.Ordinal);

    /// <summary>OpenAI-style clip lengths accepted, in seconds; when empty, Sora's 4, 8 and 12.</summary>
    public int[]? Seconds { get; set; }
}
