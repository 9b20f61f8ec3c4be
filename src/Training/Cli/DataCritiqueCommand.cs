using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data critique</c>: the published critique of generated prompts (SFT) or of samples (preference data).</summary>
public static class DataCritiqueCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var prompts = new Option<string[]>("--prompts") { Description = "Generated prompts from `data generate` (SFT route).", AllowMultipleArgumentsPerToken = true };
        var samples = new Option<string[]>("--samples") { Description = "Samples from `data sample` (preference route): each sample is judged.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Critiques (JSONL), appended.", Required = true };
        var command = new Command("critique", "Judge prompts with the published critique template (resumable, shardable).") { prompts, samples, output };
        shared.AddLlm(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "critique", async (logging, console) =>
        {
            var promptFiles = result.GetValue(prompts) ?? [];
            var sampleFiles = result.GetValue(samples) ?? [];
            if (promptFiles.Length == 0 == (sampleFiles.Length == 0))
            {
                throw new ValidationException("give either --prompts (generated prompts) or --samples (sampled prompts)");
            }

            var llm = shared.Llm(result);
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var input = promptFiles.Length > 0
                ? (await JsonlReader.ReadAllAsync<GeneratedPrompt>(promptFiles, cancellationToken)).Select(p => new PromptToJudge(p.Key, p.Query, p.Prompt, null)).ToList()
                : (await JsonlReader.ReadAllAsync<SampleSet>(sampleFiles, cancellationToken)).SelectMany(s => s.ToJudge()).ToList();
            using var chat = LlmClientFactory.Create(llm);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new CritiqueStage(chat), input, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
