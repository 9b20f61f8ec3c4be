using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data label-safety</c>: the LLM judge labels curated queries safe or unsafe.</summary>
public static class DataLabelSafetyCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var queries = new Option<string[]>("--queries") { Description = "Curated queries (JSONL or JSON array).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Labelled queries (JSONL: key, query, unsafe), appended.", Required = true };
        var judgeAll = new Option<bool>("--judge-all") { Description = "Send every query to the judge; by default only those the unsafe lexicon flags go, the rest are labelled safe." };
        var command = new Command("label-safety", "Label curated queries safe or unsafe: the unsafe lexicon pre-filters, the LLM judge decides (resumable, shardable).") { queries, output, judgeAll };
        shared.AddLlm(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "label-safety", async (logging, console) =>
        {
            var llm = shared.Llm(result);
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var input = await Vpo.Training.Data.QueryListReader.ReadAllAsync(result.GetValue(queries)!, cancellationToken);
            using var chat = LlmClientFactory.Create(llm);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new SafetyLabelStage(chat, result.GetValue(judgeAll) ? new JudgeEveryQuery() : new LexiconScreen()), input, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
