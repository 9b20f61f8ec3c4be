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
        var output = new Option<string>("--output") { Description = "Pairs (JSONL), at most one per query.", Required = true };
        var gap = new Option<double>("--min-coverage-gap")
        {
            Description = "Graded pairs: how much more of the query's content words the chosen sample must keep when it fails no fewer checks.",
            DefaultValueFactory = _ => ChecksPairBuilder.DefaultMinCoverageGap,
        };
        gap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 1)
            {
                result.AddError("--min-coverage-gap must be above 0 and at most 1.");
            }
        });
        var passFailOnly = new Option<bool>("--pass-fail-only") { Description = "No graded pairs: only a harmless sample over a harmful one and a passing sample over a failing one." };
        var command = new Command("check-pairs",
            "Build text-level pairs with the automatic principle checks (no LLM): a harmless sample over a harmful one, else a passing sample over a failing one, else a sample that dominates another (fails no more checks, keeps more of the query).")
        {
            samples, output, gap, passFailOnly,
        };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "check-pairs", async (_, console) =>
        {
            var sets = await JsonlReader.ReadAllAsync<SampleSet>(result.GetValue(samples)!, cancellationToken);
            var (pairs, counts) = ChecksPairBuilder.Build(sets, new PrincipleSampleCheck(), result.GetValue(gap), result.GetValue(passFailOnly));
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, pairs, cancellationToken);
            if (pairs.Count > 0)
            {
                await PreferenceDataReader.ReadAsync(path, cancellationToken);
            }

            await console.WriteLineAsync(
                $"check-pairs: {pairs.Count:N0} pairs from {counts.Queries:N0} queries -> {path} " +
                $"({counts.AllPassed:N0} queries with every sample passing, {counts.AllFailed:N0} with every sample failing; " +
                $"{counts.Harmless:N0} pairs prefer a harmless sample over a harmful one, " +
                $"{counts.Graded:N0} pairs graded among samples that all passed or all failed)");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
