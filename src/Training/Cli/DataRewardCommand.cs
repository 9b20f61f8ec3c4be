using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Reward;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Construction.Video;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data reward</c>: asks the reward endpoint VisionReward's 64-question checklist about each video and scores it.</summary>
public static class DataRewardCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var rendered = new Option<string[]>("--rendered") { Description = "Rendered videos from `data render` (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var videos = new Option<string>("--videos") { Description = "The folder `data render` saved the videos in.", Required = true };
        var output = new Option<string>("--output") { Description = "Rewards (JSONL), appended.", Required = true };
        var url = new Option<string>("--reward-url") { Description = "The reward endpoint (POST {video, questions} -> {answers}), e.g. http://host:8001/checklist.", Required = true };
        var key = new Option<string?>("--reward-key") { Description = "Bearer token (default: $REWARD_API_KEY)." };
        var sourceUrls = new Option<bool>("--send-source-urls") { Description = "Send the video backend's URLs instead of the saved files (hosted outputs may expire)." };
        var command = new Command("reward", "Score rendered videos with VisionReward's checklist and weights (resumable, shardable).") { rendered, videos, output, url, key, sourceUrls };
        shared.AddHttp(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "reward", async (logging, console) =>
        {
            var options = new VisionRewardOptions
            {
                Endpoint = DataRenderCommand.ParseUrl(result.GetValue(url)!, "--reward-url"),
                ApiKey = result.GetValue(key) ?? Environment.GetEnvironmentVariable("REWARD_API_KEY"),
                Http = shared.Http(result, defaultTimeout: TimeSpan.FromMinutes(10)),
            };
            options.Validate();
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var input = await JsonlReader.ReadAllAsync<RenderedVideo>(result.GetValue(rendered)!, cancellationToken);
            using var client = new VisionRewardClient(options);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new RewardStage(client, VisionRewardChecklist.Default, result.GetValue(videos)!, result.GetValue(sourceUrls)), input, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
