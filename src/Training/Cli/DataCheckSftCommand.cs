using System.CommandLine;
using System.Globalization;
using Vpo.Training.Construction.Checking;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Data;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data check-sft</c>: the evaluation's automatic principle checks over an SFT set.</summary>
public static class DataCheckSftCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create()
    {
        var input = new Option<string[]>("--input") { Description = "SFT JSONL files (query, prompt).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--output") { Description = "Optional JSONL with every pair's verdict (file, line, failures, coverage, missing words)." };
        var examples = new Option<int>("--examples") { Description = "Pairs keeping the least of their query to list.", DefaultValueFactory = _ => 5 };
        examples.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--examples must be 0 or more.");
            }
        });
        var command = new Command("check-sft",
            "Check an SFT set with the evaluation's automatic principle checks (length, one paragraph, intro phrase, refusal, unsafe terms, the query's content words, -neg items) and summarise.")
        {
            input, output, examples,
        };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "check-sft", async (_, console) =>
        {
            var pairs = new List<(string, SftRecord)>();
            foreach (var file in result.GetValue(input)!)
            {
                pairs.AddRange((await SftDataReader.ReadAsync(file, cancellationToken)).Select(p => (file, p)));
            }

            var (checks, summary) = SftSetChecker.Check(pairs, new PrincipleChecker(), result.GetValue(examples));
            if (result.GetValue(output) is { } path)
            {
                await FinalFile.WriteJsonlAsync(path, checks, cancellationToken);
            }

            var culture = CultureInfo.InvariantCulture;
            var failures = summary.FailuresByKind.Count == 0 ? "none" : string.Join(", ", summary.FailuresByKind.Select(k => $"{k.Key} {k.Value:N0}"));
            var coverage = summary.MeanCoverage is { } mean ? mean.ToString("F3", culture) : "not measured";
            await console.WriteLineAsync(
                $"check-sft: {summary.Pairs:N0} pairs, {summary.Passing:N0} pass every check; failing: {failures}; " +
                $"mean coverage {coverage} over {summary.CoverageMeasured:N0} English queries");
            foreach (var low in summary.LowestCoverage)
            {
                await console.WriteLineAsync(string.Create(culture,
                    $"  {low.File}:{low.Line} coverage {low.Coverage:F2}, missing {string.Join(", ", low.MissingWords)}: {low.Query}"));
            }

            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
