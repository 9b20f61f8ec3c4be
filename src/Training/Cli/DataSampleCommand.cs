using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data sample</c>: four samples per DPO query from the SFT model (temperature 0.9, top-p 0.9).</summary>
public static class DataSampleCommand
{
    public static Command Create()
    {
        var shared = new DataOptions();
        var defaults = new SamplingSettings();
        var queries = new Option<string[]>("--queries") { Description = "DPO queries (JSONL or JSON array).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Samples (JSONL: key, query, samples), appended.", Required = true };
        var count = new Option<int>("--count") { Description = "Samples per query.", DefaultValueFactory = _ => defaults.Count };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature.", DefaultValueFactory = _ => defaults.Temperature };
        var topP = new Option<float>("--top-p") { Description = "Nucleus mass.", DefaultValueFactory = _ => defaults.TopP };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Longest sample in tokens.", DefaultValueFactory = _ => defaults.MaxNewTokens };
        var command = new Command("sample",
            "Sample the SFT model (served behind an OpenAI-compatible endpoint: --llm-url/--llm-model name that server) for each DPO query (resumable, shardable).")
        {
            queries, output, count, temperature, topP, maxNewTokens,
        };
        shared.AddLlm(command);
        shared.AddStage(command);
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "sample", async (logging, console) =>
        {
            var settings = new SamplingSettings
            {
                Count = result.GetValue(count),
                Temperature = result.GetValue(temperature),
                TopP = result.GetValue(topP),
                MaxNewTokens = result.GetValue(maxNewTokens),
            };
            settings.Validate();
            var llm = shared.Llm(result);
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var input = await QuerySource.ReadAllAsync(result.GetValue(queries)!, cancellationToken);
            using var chat = LlmClientFactory.Create(llm);
            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            var summary = await runner.RunAsync(new SamplingStage(new ChatPromptSampler(chat, settings), settings), input, files, cancellationToken);
            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
