using System.CommandLine;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Data;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data sft-set</c>: the final SFT file, refined prompts where the critique flagged the first one.</summary>
public static class DataSftSetCommand
{
    public static Command Create()
    {
        var generated = new Option<string[]>("--generated") { Description = "Generated prompts (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var critiques = new Option<string[]>("--critiques") { Description = "Their critiques (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var refinements = new Option<string[]>("--refinements") { Description = "Refinements of the misaligned (all shards).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "SFT JSONL (query, prompt) for `vpo-train sft`.", Required = true };
        var command = new Command("sft-set", "Write the principle-based SFT set: the refined prompt where flagged, else the original.") { generated, critiques, refinements, output };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "sft-set", async (_, console) =>
        {
            var (examples, counts) = SftSetBuilder.Build(
                await JsonlReader.ReadAllAsync<GeneratedPrompt>(result.GetValue(generated)!, cancellationToken),
                await JsonlReader.ReadAllAsync<CritiqueRecord>(result.GetValue(critiques)!, cancellationToken),
                await JsonlReader.ReadAllAsync<RefinementRecord>(result.GetValue(refinements) ?? [], cancellationToken));
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, examples, cancellationToken);
            if (examples.Count > 0)
            {
                // Read back the way `vpo-train sft` will, so a format drift fails here rather than at training time.
                await SftDataReader.ReadAsync(path, cancellationToken);
            }

            await console.WriteLineAsync(
                $"sft-set: {examples.Count:N0} examples -> {path} ({counts.Aligned:N0} aligned as generated, {counts.Refined:N0} refined, " +
                $"{counts.Unjudged:N0} without a verdict kept, {counts.Dropped:N0} misaligned without a refinement left out)");
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
