using System.CommandLine;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data text-pairs</c>: text-level pairs (chosen = refined, rejected = sample), one per query.</summary>
public static class DataTextPairsCommand
{
    public static Command Create()
    {
        var refinements = new Option<string[]>("--refinements") { Description = "Refinements of misaligned samples (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Text-level pairs (JSONL).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for choosing among a query's refinements.", DefaultValueFactory = _ => 1 };
        var command = new Command("text-pairs", "Build text-level preference pairs from the refinements of misaligned samples.") { refinements, output, seed };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "text-pairs", async (_, console) =>
        {
            var pairs = TextPairBuilder.Build(await JsonlReader.ReadAllAsync<RefinementRecord>(result.GetValue(refinements)!, cancellationToken), result.GetValue(seed));
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, pairs, cancellationToken);
            await console.WriteLineAsync($"text-pairs: {pairs.Count:N0} pairs -> {path}");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
