using System.CommandLine;
using Vpo.Inference;
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
        var model = new Option<string?>("--model") { Description = "The SFT model as an ONNX Runtime GenAI folder (vpo-train export); sampled in process. Without it, --llm-url names an OpenAI-compatible server of the SFT model." };
        var provider = new Option<ExecutionProvider>("--provider") { Description = "Execution provider for --model.", DefaultValueFactory = _ => ExecutionProvider.Cpu };
        var unsafeOnly = new Option<bool>("--unsafe-only")
        {
            Description = "Sample only the queries the unsafe lexicon flags: more harmless-over-harmful pairs for check-pairs than a shard's few unsafe queries give.",
        };
        var command = new Command("sample",
            "Sample the SFT model for each DPO query: in process from its ONNX folder (--model) or from an OpenAI-compatible server (--llm-url) (resumable, shardable).")
        {
            queries, output, count, temperature, topP, maxNewTokens, model, provider, unsafeOnly,
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
            var stageOptions = shared.Stage(result);
            var files = shared.Files(result, result.GetValue(output)!);
            var input = await Vpo.Training.Data.QueryListReader.ReadAllAsync(result.GetValue(queries)!, cancellationToken);
            if (result.GetValue(unsafeOnly))
            {
                // The same lexicon screen that decides which queries label-safety sends to the judge.
                input = input.Where(new LexiconScreen().Flags).ToList();
                await console.WriteLineAsync($"sample: {input.Count:N0} queries the unsafe lexicon flags");
            }

            var runner = new StageRunner(stageOptions, console, logging.CreateLogger("Vpo.Construction"));
            StageSummary summary;
            if (result.GetValue(model) is { } folder)
            {
                await using var sampler = await InferencePromptSampler.StartAsync(folder, result.GetValue(provider), settings, logging, cancellationToken);
                summary = await runner.RunAsync(new SamplingStage(sampler, settings), input, files, cancellationToken);
            }
            else
            {
                using var chat = LlmClientFactory.Create(shared.Llm(result));
                summary = await runner.RunAsync(new SamplingStage(new ChatPromptSampler(chat, settings), settings), input, files, cancellationToken);
            }

            return await DataCommandRunner.ReportAsync(console, summary, files);
        }, cancellationToken));
        return command;
    }
}
