using System.CommandLine;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Reward;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data video-pairs</c>: video-level pairs by strict checklist dominance and a score gap.</summary>
public static class DataVideoPairsCommand
{
    public static Command Create()
    {
        var rewards = new Option<string[]>("--rewards") { Description = "Rewards from `data reward` (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Video-level pairs (JSONL).", Required = true };
        var gap = new Option<double>("--gap") { Description = "Least score difference of a pair.", DefaultValueFactory = _ => VideoPairBuilder.DefaultGap };
        var command = new Command("video-pairs", "Build video-level preference pairs: strict dominance on the checklist and a score gap, first pair per query.") { rewards, output, gap };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "video-pairs", async (_, console) =>
        {
            var scored = await JsonlReader.ReadAllAsync<VideoReward>(result.GetValue(rewards)!, cancellationToken);
            var pairs = VideoPairBuilder.Build(scored, result.GetValue(gap));
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, pairs, cancellationToken);
            await console.WriteLineAsync($"video-pairs: {pairs.Count:N0} pairs from {scored.Select(r => r.Query).Distinct(StringComparer.Ordinal).Count():N0} queries -> {path}");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
