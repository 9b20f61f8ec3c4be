using System.CommandLine;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Data;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data merge</c>: the final preference file, text-level pairs first, one pair per query, shuffled.</summary>
public static class DataMergeCommand
{
    public static Command Create()
    {
        var inputs = new Option<string[]>("--pairs") { Description = "Pair files in priority order (text-level first, then video-level).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Preference JSONL for `vpo-train dpo`.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("merge", "Merge pair files: concatenate in order, keep each query's first pair, shuffle.") { inputs, output, seed };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "merge", async (_, console) =>
        {
            var lists = new List<IReadOnlyList<PreferencePair>>();
            foreach (var path in result.GetValue(inputs)!)
            {
                lists.Add(await JsonlReader.ReadAllAsync<PreferencePair>([path], cancellationToken));
            }

            var (pairs, duplicates) = PreferenceMerger.Merge(lists, result.GetValue(seed));
            var target = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(target, pairs, cancellationToken);
            if (pairs.Count > 0)
            {
                // Read back the way `vpo-train dpo` will, so a format drift fails here rather than at training time.
                await PreferenceDataReader.ReadAsync(target, cancellationToken);
            }

            await console.WriteLineAsync(
                $"merge: {pairs.Count:N0} pairs -> {target} ({pairs.Count(p => p.Source == PreferenceSource.Text):N0} text-level, " +
                $"{pairs.Count(p => p.Source == PreferenceSource.Video):N0} video-level; {duplicates:N0} later pairs for a query already paired dropped)");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
