using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Vpo.Inference.Video.Backends;

/// <summary>
/// Checks the <c>Videos</c> section at start-up; every failure names its configuration key
/// (<c>Videos:Backends:1:BaseUrl</c>) and what is expected, so a bad deployment stops before it listens.
/// </summary>
public sealed partial class VideosOptionsValidator : IValidateOptions<VideosOptions>
{
    /// <summary>The settings a Cog input name can be given for.</summary>
    public static IReadOnlyList<string> Settings { get; } =
        ["prompt", "negative_prompt", "aspect_ratio", "fps", "seed", "guidance_scale", "num_frames", "seconds"];

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VideosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = VideosOptions.SectionName;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataFolder))
        {
            failures.Add($"{Section}:DataFolder must name a folder.");
        }

        if (options.MaxConcurrentJobs is < 1 or > 1024)
        {
            failures.Add($"{Section}:MaxConcurrentJobs must be from 1 to 1024; got {options.MaxConcurrentJobs}.");
        }

        if (options.MaxStepFailures is < 0 or > 100)
        {
            failures.Add($"{Section}:MaxStepFailures must be from 0 to 100; got {options.MaxStepFailures}.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Backends.Count; index++)
        {
            var key = $"{Section}:Backends:{index}";
            var backend = options.Backends[index];
            if (backend is null)
            {
                failures.Add($"{key} is empty.");
                continue;
            }

            if (!BackendName().IsMatch(backend.Name ?? string.Empty))
            {
                failures.Add($"{key}:Name must be 1 to 64 letters, digits, '-', '_' or '.'; got '{backend.Name}'.");
            }
            else if (!names.Add(backend.Name!))
            {
                failures.Add($"{key}:Name '{backend.Name}' is used by another backend.");
            }

            if (!Enum.IsDefined(backend.Protocol))
            {
                failures.Add($"{key}:Protocol must be one of {string.Join(", ", Enum.GetNames<VideoBackendProtocol>())}.");
            }

            if (backend.BaseUrl is null || !backend.BaseUrl.IsAbsoluteUri ||
                (backend.BaseUrl.Scheme != Uri.UriSchemeHttp && backend.BaseUrl.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{key}:BaseUrl must be an absolute http(s) URL; got '{backend.BaseUrl}'.");
            }

            CheckHttp($"{key}:Http", backend, failures);
            if (backend.PollInterval <= TimeSpan.Zero || backend.PollInterval > TimeSpan.FromHours(1))
            {
                failures.Add($"{key}:PollInterval must be above 0 and at most 1 hour; got {backend.PollInterval}.");
            }

            if (backend.MaxPollInterval < backend.PollInterval || backend.MaxPollInterval > TimeSpan.FromHours(1))
            {
                failures.Add($"{key}:MaxPollInterval must be from PollInterval ({backend.PollInterval}) to 1 hour; got {backend.MaxPollInterval}.");
            }

            if (backend.MaxWait <= TimeSpan.Zero || backend.MaxWait > TimeSpan.FromDays(7))
            {
                failures.Add($"{key}:MaxWait must be above 0 and at most 7 days; got {backend.MaxWait}.");
            }

            foreach (var setting in backend.InputNames.Keys.Where(setting => !Settings.Contains(setting)))
            {
                failures.Add($"{key}:InputNames:{setting} is not a setting; expected one of {string.Join(", ", Settings)}.");
            }

            if (backend.InputNames.TryGetValue("prompt", out var promptName) && string.IsNullOrWhiteSpace(promptName))
            {
                failures.Add($"{key}:InputNames:prompt must name the model's prompt input.");
            }

            for (var entry = 0; entry < backend.Sizes.Count; entry++)
            {
                var parts = (backend.Sizes[entry] ?? string.Empty).Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !AspectRatio().IsMatch(parts[0]) || !Size().IsMatch(parts[1]))
                {
                    failures.Add($"{key}:Sizes:{entry} must map a ratio to a size, such as 16:9=1280x720; got '{backend.Sizes[entry]}'.");
                }
            }

            foreach (var seconds in backend.Seconds ?? [])
            {
                if (seconds is < 1 or > 600)
                {
                    failures.Add($"{key}:Seconds must list lengths from 1 to 600; got {seconds}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckHttp(string key, VideoBackendOptions backend, List<string> failures)
    {
        if (backend.Http is null)
        {
            failures.Add($"{key} is empty.");
            return;
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(backend.Http, new ValidationContext(backend.Http), results, validateAllProperties: true);
        if (backend.Http.CircuitBreaker is { } breaker)
        {
            var breakerResults = new List<ValidationResult>();
            Validator.TryValidateObject(breaker, new ValidationContext(breaker), breakerResults, validateAllProperties: true);
            results.AddRange(breakerResults.Select(result =>
                new ValidationResult(result.ErrorMessage, result.MemberNames.Select(member => "CircuitBreaker:" + member))));
        }

        failures.AddRange(results.Select(result => $"{key}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
        if (results.Count == 0 && backend.Http.TotalTimeout is { } total && total <= backend.Http.AttemptTimeout)
        {
            failures.Add($"{key}:TotalTimeout ({total}) must be longer than {key}:AttemptTimeout ({backend.Http.AttemptTimeout}).");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex BackendName();

    [GeneratedRegex(@"^\d{1,4}:\d{1,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex AspectRatio();

    [GeneratedRegex(@"^\d{2,5}x\d{2,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex Size();
}
