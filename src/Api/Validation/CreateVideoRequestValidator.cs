using System.Globalization;
using System.Text.RegularExpressions;
using Vpo.Api.Contracts;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Video.Backends;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Validation;

/// <summary>
/// Checks a video request. Errors are keyed by the field at fault (<c>query</c>, <c>backend</c>, <c>options.fps</c>,
/// <c>optimizer.top_p</c>); a bad value that came from a query flag is reported under <c>query</c>, naming the flag.
/// </summary>
public static partial class CreateVideoRequestValidator
{
    /// <summary>The longest negative prompt accepted.</summary>
    public const int MaxNegativePromptLength = 2000;

    /// <summary>Validates <paramref name="request"/>; on success returns no errors and sets <paramref name="plan"/>.</summary>
    public static Dictionary<string, string[]> Validate(
        CreateVideoRequest request, VideoBackendRegistry backends, InferenceOptions limits, out VideoPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(limits);
        plan = null;

        // The optimizer's own rules, with their keys moved under "optimizer".
        var errors = OptimizeRequestValidator.Validate(
            new OptimizeRequest { Query = request.Query, Options = request.Optimizer }, null, limits, out var optimizePlan)
            .ToDictionary(pair => pair.Key.StartsWith("options.", StringComparison.Ordinal) ? "optimizer." + pair.Key["options.".Length..] : pair.Key,
                pair => pair.Value, StringComparer.Ordinal);

        RegisteredBackend? backend = null;
        if (request.Backend is null)
        {
            backend = backends.All.FirstOrDefault();
        }
        else if ((backend = backends.Find(request.Backend)) is null)
        {
            errors["backend"] = [$"'{request.Backend}' is not a configured backend; expected one of: {string.Join(", ", backends.All.Select(b => b.Options.Name))}."];
        }

        var options = request.Options ?? new VideoOptions();
        var flags = request.Query is null || errors.ContainsKey("query") ? GenerationParameters.None : QueryFlagParser.Parse(request.Query).Generation;
        var settings = new VideoSettings(
            Pick(options.NegativePrompt, flags.NegativePrompt),
            Pick(options.AspectRatio, flags.AspectRatio),
            options.Fps ?? flags.Fps,
            options.Seed ?? flags.Seed,
            options.GuidanceScale ?? flags.GuidanceScale,
            options.NumFrames,
            options.Seconds);

        Check(errors, "aspect_ratio", options.AspectRatio, "-ar", settings.AspectRatio,
            ratio => AspectRatio().Match(ratio) is { Success: true } match && int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) > 0 &&
                     int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) > 0,
            "must be width:height in whole numbers, such as 16:9");
        Check(errors, "negative_prompt", options.NegativePrompt, "-neg", settings.NegativePrompt,
            text => !string.IsNullOrWhiteSpace(text) && text.Length <= MaxNegativePromptLength, $"must be 1 to {MaxNegativePromptLength} characters");
        Check(errors, "fps", options.Fps, "-fps", settings.Fps, fps => fps is >= 1 and <= 240, "must be from 1 to 240");
        Check(errors, "guidance_scale", options.GuidanceScale, "-gs", settings.GuidanceScale,
            scale => scale is >= 0 and <= 100 && double.IsFinite(scale.Value), "must be from 0 to 100");
        Check(errors, "num_frames", options.NumFrames, null, settings.NumFrames, frames => frames is >= 1 and <= 10_000, "must be from 1 to 10000");
        Check(errors, "seconds", options.Seconds, null, settings.Seconds, seconds => seconds is >= 1 and <= 600, "must be from 1 to 600");

        if (backend is not null && errors.Count == 0)
        {
            foreach (var (field, message) in backend.Backend.Check(settings.WithPrompt(request.Query!)))
            {
                errors[FromFlag(field, options) ? "query" : "options." + field] = [message];
            }
        }

        if (errors.Count == 0 && backend is not null && optimizePlan is not null)
        {
            plan = new VideoPlan(request.Query!, backend, settings, optimizePlan.Options);
        }

        return errors;
    }

    private static string? Pick(string? option, string? flag) => option ?? flag;

    private static bool FromFlag(string field, VideoOptions options) => field switch
    {
        "aspect_ratio" => options.AspectRatio is null,
        "negative_prompt" => options.NegativePrompt is null,
        "fps" => options.Fps is null,
        "seed" => options.Seed is null,
        "guidance_scale" => options.GuidanceScale is null,
        _ => false,
    };

    private static void Check<T>(
        Dictionary<string, string[]> errors, string field, T? option, string? flag, T? value, Func<T, bool> valid, string rule)
    {
        if (value is null || valid(value))
        {
            return;
        }

        var shown = Convert.ToString(value, CultureInfo.InvariantCulture);
        if (option is not null || flag is null)
        {
            errors["options." + field] = [$"'{field}' {rule}; got '{shown}'."];
        }
        else
        {
            errors["query"] = [$"the query's {flag} flag sets '{field}', which {rule}; got '{shown}'."];
        }
    }

    [GeneratedRegex(@"^(\d{1,4}):(\d{1,4})$", RegexOptions.CultureInvariant)]
    private static partial Regex AspectRatio();
}

/// <summary>A validated video request: what to store and run.</summary>
/// <param name="Query">The query.</param>
/// <param name="Backend">The chosen backend.</param>
/// <param name="Settings">Options over flags.</param>
/// <param name="Sampling">The optimizer's sampling.</param>
public sealed record VideoPlan(string Query, RegisteredBackend Backend, VideoSettings Settings, SamplingOptions Sampling);
