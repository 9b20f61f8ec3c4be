using System.CommandLine;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Data;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data check-pairs</c>: text-level pairs without an LLM, judged by the automatic principle checks.</summary>
public static class DataCheckPairsCommand
{
    public static Command Create()
    {
        var samples = new Option<string[]>("--samples") { Description = "Samples from `data sample` (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Pairs (JSONL): a passing sample over a failing one, one per query.", Required = true };
        var command = new Command("check-pairs", "Build text-level pairs with the automatic principle checks (no LLM): passing sample chosen, failing sample rejected.") { samples, output };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "check-pairs", async (_, console) =>
        {
            var sets = await JsonlReader.ReadAllAsync<SampleSet>(result.GetValue(samples)!, cancellationToken);
            var (pairs, counts) = ChecksPairBuilder.Build(sets, new PrincipleSampleCheck());
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, pairs, cancellationToken);
            if (pairs.Count > 0)
            {
                await PreferenceDataReader.ReadAsync(path, cancellationToken);
            }

            await console.WriteLineAsync(
                $"check-pairs: {pairs.Count:N0} pairs from {counts.Queries:N0} queries -> {path} " +
                $"({counts.AllPassed:N0} queries with every sample passing, {counts.AllFailed:N0} with every sample failing)");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
