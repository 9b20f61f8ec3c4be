using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using Vpo.Training.Presets;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary>
/// <c>vpo-train throughput</c>: measures training tokens per second of pretraining, SFT and DPO updates for a
/// model shape on this machine, on random token data shaped like the real examples (no tokenizer or data needed).
/// </summary>
public static class ThroughputCommand
{
    /// <summary>The ~25M-parameter shape the project measures (hidden 512, 6 layers, 8 heads, 4 KV heads, vocabulary 8000).</summary>
    public static LlamaConfig Small25M { get; } = new()
    {
        VocabSize = 8000, HiddenSize = 512, IntermediateSize = 1408, NumHiddenLayers = 6, NumAttentionHeads = 8, NumKeyValueHeads = 4,
        MaxPositionEmbeddings = 2048, BosTokenId = 1, EosTokenId = 2,
    };

    /// <summary>The tiny shape (about 1M parameters, vocabulary 8000).</summary>
    public static LlamaConfig Tiny { get; } = new()
    {
        VocabSize = 8000, HiddenSize = 64, IntermediateSize = 176, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 2048, BosTokenId = 1, EosTokenId = 2,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "tiny, 25m, or the path of a config.json.", DefaultValueFactory = _ => "tiny" };
        var stages = new Option<TrainingStage[]>("--stage") { Description = "Stages to measure (Pretrain, Sft, Dpo); all by default.", AllowMultipleArgumentsPerToken = true };
        var steps = new Option<int>("--steps") { Description = "Updates to time per stage (the first is a warm-up and not counted).", DefaultValueFactory = _ => 5 };
        var batch = new Option<int>("--batch-size") { Description = "Sequences (DPO: pairs) per update.", DefaultValueFactory = _ => 8 };
        var micro = new Option<int>("--micro-batch-size") { Description = "Sequences (DPO: pairs) per forward/backward pass.", DefaultValueFactory = _ => 4 };
        var context = new Option<int>("--context-length") { Description = "Pretraining sequence length; SFT/DPO use a 200-token prompt and 60-80-token responses.", DefaultValueFactory = _ => 256 };
        var command = new Command("throughput", "Measure training tokens/s of pretrain, SFT and DPO updates on this machine (random data, nothing saved).");
        foreach (var option in new Option[] { model, stages, steps, batch, micro, context })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var config = parseResult.GetValue(model) switch
            {
                "tiny" => Tiny,
                "25m" => Small25M,
                var path => LlamaConfig.Load(path!),
            };
            var selected = parseResult.GetValue(stages) is { Length: > 0 } chosen ? chosen : Enum.GetValues<TrainingStage>();
            var stepCount = parseResult.GetValue(steps);
            if (stepCount < 2)
            {
                throw new ArgumentException("--steps must be at least 2: the first update is a warm-up.");
            }

            var table = new Table().AddColumns("stage", "parameters", "tokens/update", "tokens/s (median)", "s/update");
            foreach (var stage in selected)
            {
                var output = Path.Combine(Path.GetTempPath(), "vpo-throughput-" + Guid.NewGuid().ToString("N"));
                try
                {
                    using var generator = new Generator(1, CPU);
                    using var llama = new LlamaForCausalLM(config, generator: generator);
                    var options = new TrainerOptions
                    {
                        LearningRate = 1e-4,
                        BatchSize = parseResult.GetValue(batch),
                        MicroBatchSize = parseResult.GetValue(micro),
                        OutputDirectory = output,
                        StopAfterSteps = stepCount,
                        KeepCheckpoints = 1,
                        PaddingId = config.EosTokenId,
                        ModelStore = new LlamaModelStore(null),
                    };
                    var result = await Measure(stage, llama, options, parseResult.GetValue(context), stepCount, cancellationToken).ConfigureAwait(false);
                    var timed = result.Steps.Skip(1).ToList();
                    var rates = timed.Select(s => s.TokensPerSecond).Order().ToList();
                    var median = rates[rates.Count / 2];
                    var tokens = timed.Average(s => s.Tokens);
                    table.AddRow(
                        stage.ToString(),
                        (llama.parameters().Sum(p => p.numel()) / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + "M",
                        tokens.ToString("0", CultureInfo.InvariantCulture),
                        median.ToString("0", CultureInfo.InvariantCulture),
                        (tokens / median).ToString("0.00", CultureInfo.InvariantCulture));
                }
                finally
                {
                    if (Directory.Exists(output))
                    {
                        Directory.Delete(output, recursive: true);
                    }
                }
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape($"torch threads: {get_num_threads()}, processors: {Environment.ProcessorCount}"));
            return 0;
        }));
        return command;
    }

    private static Task<TrainingRunResult> Measure(TrainingStage stage, LlamaForCausalLM model, TrainerOptions options, int contextLength, int steps, CancellationToken cancellationToken)
    {
        var random = new Random(1);
        var vocabulary = model.Config.VocabSize;
        int[] Ids(int count) => Enumerable.Range(0, count).Select(_ => random.Next(3, vocabulary)).ToArray();
        var count = options.BatchSize * (steps + 1);
        return stage switch
        {
            TrainingStage.Pretrain => new PretrainLoop(model, options).RunAsync(
                Enumerable.Range(0, count).Select(_ => Ids(contextLength)).ToList(), [], cancellationToken: cancellationToken),
            TrainingStage.Sft => new SftLoop(model, options).RunAsync(
                Enumerable.Range(0, count).Select(_ => new ResponseExample([.. Ids(200), .. Ids(60 + random.Next(0, 21))], 200)).ToList(), [], cancellationToken: cancellationToken),
            _ => new DpoLoop(model, options, 0.1).RunAsync(
                Enumerable.Range(0, count).Select(_ =>
                {
                    var prompt = Ids(200);
                    return new PreferenceExample(new ResponseExample([.. prompt, .. Ids(80)], 200), new ResponseExample([.. prompt, .. Ids(60)], 200));
                }).ToList(),
                [],
                cancellationToken: cancellationToken),
        };
    }
}
