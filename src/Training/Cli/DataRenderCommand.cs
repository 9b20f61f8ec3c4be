using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Vpo.Inference.Video;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Construction.Video;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data render</c>: renders each sample that passed the text-level check with a Cog / Replicate video backend.</summary>
public static class DataRenderCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var critiques = new Option<string[]>("--critiques") { Description = "Critiques of the samples (all shards); the aligned ones are rendered.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Rendered videos (JSONL), appended.", Required = true };
        var videos = new Option<string>("--videos") { Description = "Folder the videos are saved in ({key}.mp4).", Required = true };
        var url = new Option<string>("--video-url") { Description = "Predictions server: a Cog container (http://host:5000) or an API root ending in /v1.", Required = true };
        var token = new Option<string?>("--video-token") { Description = "Bearer token (default: $VIDEO_API_TOKEN)." };
        var version = new Option<string?>("--video-version") { Description = "Model version id (Replicate); none for a Cog container." };
        var promptField = new Option<string>("--prompt-field") { Description = "The model input that receives the prompt.", DefaultValueFactory = _ => "prompt" };
        var input = new Option<string?>("--video-input") { Description = "JSON object of further model inputs sent with every prediction, e.g. {\"num_frames\":49}." };
        var poll = new Option<double>("--poll-seconds") { Description = "Seconds between polls of a running prediction.", DefaultValueFactory = _ => 2.0 };
        var maxWait = new Option<double>("--max-wait-minutes") { Description = "Minutes a video may take before its prediction is canceled.", DefaultValueFactory = _ => 30.0 };
        var command = new Command("render", "Render the samples that passed the text-level check (resumable, shardable).")
        {
            critiques, output, videos, url, token, version, promptField, input, poll, maxWait,
        };
        shared.AddHttp(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "render", async (logging, console) =>
        {
            var http = shared.Http(result, defaultTimeout: TimeSpan.FromMinutes(30));
            var options = new CogPredictionsOptions
            {
                BaseUrl = ParseUrl(result.GetValue(url)!, "--video-url"),
                ApiToken = result.GetValue(token) ?? Environment.GetEnvironmentVariable("VIDEO_API_TOKEN"),
                Version = result.GetValue(version),
                PromptField = result.GetValue(promptField)!,
                DefaultInput = ParseInput(result.GetValue(input)),
                PollInterval = TimeSpan.FromSeconds(result.GetValue(poll)),
                MaxWait = TimeSpan.FromMinutes(result.GetValue(maxWait)),
                Http = http,
            };
            options.Validate();
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var aligned = (await JsonlReader.ReadAllAsync<CritiqueRecord>(result.GetValue(critiques)!, cancellationToken))
                .Where(c => c.Aligned && c.Sample is not null)
                .Select(c => new PromptToRender(c.Key, c.Query, c.Sample!.Value, c.Prompt))
                .ToList();
            using var generator = new CogPredictionsClient(options);
            using var downloader = new VideoDownloader(http);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new RenderStage(generator, downloader, result.GetValue(videos)!), aligned, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }

    internal static Uri ParseUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new ValidationException($"{option} must be an absolute http(s) URL, got '{text}'.");

    private static JsonObject? ParseInput(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new ValidationException("--video-input must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ValidationException($"--video-input is not JSON: {ex.Message}");
        }
    }
}
