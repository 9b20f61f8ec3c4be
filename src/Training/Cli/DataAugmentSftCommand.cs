using System.CommandLine;
using Vpo.Training.Construction.Augmentation;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Data;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data augment-sft</c>: an SFT set plus variants whose copied words are swapped in query and prompt alike.</summary>
public static class DataAugmentSftCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create()
    {
        var input = new Option<string[]>("--input") { Description = "SFT JSONL files (query, prompt).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Augmented SFT JSONL: every original pair, then the variants.", Required = true };
        var copies = new Option<int>("--copies") { Description = "Variants per pair.", DefaultValueFactory = _ => 1 };
        copies.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 20)
            {
                result.AddError("--copies must be between 1 and 20.");
            }
        });
        var share = new Option<double>("--share") { Description = "Chance that each word a prompt shares with its query is swapped (at least one is).", DefaultValueFactory = _ => 0.5 };
        share.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is <= 0 or > 1)
            {
                result.AddError("--share must be above 0 and at most 1.");
            }
        });
        var maxSwaps = new Option<int>("--max-swaps") { Description = "Most words swapped in one variant.", DefaultValueFactory = _ => 2 };
        maxSwaps.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--max-swaps must be at least 1.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed of the swaps.", DefaultValueFactory = _ => 1 };
        var dropUnsafe = new Option<bool>("--drop-unsafe")
        {
            Description = "Leave out the pairs whose prompt has a term of the evaluation's unsafe lexicon (older seed rounds kept fictional names the lexicon lists).",
        };
        var command = new Command("augment-sft",
            "Add variants of each SFT pair in which words the prompt copied from the query are replaced, the same way in both, by words other pairs copy: the swapped words can only be predicted by reading the query.")
        {
            input, output, copies, share, maxSwaps, seed, dropUnsafe,
        };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "augment-sft", async (_, console) =>
        {
            var pairs = new List<SftRecord>();
            foreach (var file in result.GetValue(input)!)
            {
                pairs.AddRange(await SftDataReader.ReadAsync(file, cancellationToken));
            }

            var dropsUnsafe = result.GetValue(dropUnsafe);
            var dropped = 0;
            if (dropsUnsafe)
            {
                dropped = pairs.RemoveAll(pair => UnsafeLexicon.Default.Find(pair.Prompt).Count > 0);
            }

            var augmented = SftAugmenter.Augment(pairs, result.GetValue(copies), result.GetValue(share), result.GetValue(maxSwaps), result.GetValue(seed));
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, augmented.Pairs, cancellationToken);
            await console.WriteLineAsync(
                $"augment-sft: {augmented.Originals:N0} pairs + {augmented.Variants:N0} variants -> {path} " +
                $"({augmented.Unswappable:N0} pairs share no swappable word with their query; {augmented.PoolWords:N0} replacement words" +
                (dropsUnsafe ? $"; {dropped:N0} pairs left out for unsafe terms in the prompt)" : ")"));
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
