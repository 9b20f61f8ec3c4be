using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data generate</c>: Figure 7's few-shot generation of first prompts for the SFT queries.</summary>
public static class DataGenerateCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var queries = new Option<string[]>("--queries") { Description = "SFT queries (JSONL or JSON array).", Required = true, AllowMultipleArgumentsPerToken = true };
        var demonstrations = new Option<string[]>("--demonstrations") { Description = "JSONL files of hand-written pairs whose prompts serve as examples (e.g. data/seed-sft/*.jsonl).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Generated prompts (JSONL), appended.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the per-query choice of examples.", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Few-shot generation of SFT prompts with Figure 7's template (resumable, shardable).") { queries, demonstrations, output, seed };
        shared.AddLlm(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "generate", async (logging, console) =>
        {
            var llm = shared.Llm(result);
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var examples = await Demonstrations.LoadAsync(result.GetValue(demonstrations)!, cancellationToken);
            var input = await Vpo.Training.Data.QueryListReader.ReadAllAsync(result.GetValue(queries)!, cancellationToken);
            using var chat = LlmClientFactory.Create(llm);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new FewShotGenerationStage(chat, examples, result.GetValue(seed)), input, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
