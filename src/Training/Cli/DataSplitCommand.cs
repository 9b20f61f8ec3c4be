using System.CommandLine;
using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data split</c>: disjoint SFT and DPO query sets with a share of unsafe queries.</summary>
public static class DataSplitCommand
{
    public static Command Create()
    {
        var labels = new Option<string[]>("--labels") { Description = "Labelled queries from label-safety (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var sftOutput = new Option<string>("--sft-output") { Description = "SFT query set (JSONL).", Required = true };
        var dpoOutput = new Option<string>("--dpo-output") { Description = "DPO query set (JSONL).", Required = true };
        var sftSize = new Option<int>("--sft-size") { Description = "SFT queries.", DefaultValueFactory = _ => 10_000 };
        var dpoSize = new Option<int>("--dpo-size") { Description = "DPO queries.", DefaultValueFactory = _ => 10_000 };
        var share = new Option<double>("--safety-share") { Description = "Share of unsafe queries in each set (paper: about 0.1).", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Shuffle seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("split", "Split labelled queries into SFT and DPO query sets with a share of unsafe queries.")
        {
            labels, sftOutput, dpoOutput, sftSize, dpoSize, share, seed,
        };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "split", async (_, console) =>
        {
            var records = await JsonlReader.ReadAllAsync<QueryRecord>(result.GetValue(labels)!, cancellationToken);
            var (sft, dpo, counts) = QuerySplitter.Split(records, result.GetValue(sftSize), result.GetValue(dpoSize), result.GetValue(share), result.GetValue(seed));
            await FinalFile.WriteJsonlAsync(result.GetValue(sftOutput)!, sft, cancellationToken);
            await FinalFile.WriteJsonlAsync(result.GetValue(dpoOutput)!, dpo, cancellationToken);
            await console.WriteLineAsync(
                $"split: {counts.UnsafeAvailable:N0} unsafe and {counts.SafeAvailable:N0} safe queries ({counts.Unlabelled:N0} unlabelled left out); " +
                $"SFT {counts.Sft:N0} ({counts.SftUnsafe:N0} unsafe), DPO {counts.Dpo:N0} ({counts.DpoUnsafe:N0} unsafe)");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
