using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data refine</c>: Figure 8's refinement of every prompt the critique found misaligned.</summary>
public static class DataRefineCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var critiques = new Option<string[]>("--critiques") { Description = "Critiques from `data critique` (all shards).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Refinements (JSONL), appended.", Required = true };
        var command = new Command("refine", "Refine the prompts judged misaligned, continuing each critique conversation (resumable, shardable).") { critiques, output };
        shared.AddLlm(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "refine", async (logging, console) =>
        {
            var llm = shared.Llm(result);
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var misaligned = (await JsonlReader.ReadAllAsync<CritiqueRecord>(result.GetValue(critiques)!, cancellationToken)).Where(c => !c.Aligned).ToList();
            using var chat = LlmClientFactory.Create(llm);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new RefinementStage(chat), misaligned, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
