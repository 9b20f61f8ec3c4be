using System.CommandLine;
using Vpo.Training.Loops;
using Vpo.Training.Presets;
using Vpo.Training.Schedules;

namespace Vpo.Training.Cli;

/// <summary>The options every training command shares, and how they combine with a preset.</summary>
internal sealed class TrainingCommandOptions
{
    private readonly TrainingStage _stage;

    public TrainingCommandOptions(TrainingStage stage)
    {
        _stage = stage;
        var presets = TrainingPresets.For(stage).ToList();
        var fallback = presets.First(p => p.Name.StartsWith("cpu-", StringComparison.Ordinal));
        Preset = new Option<string>("--preset")
        {
            Description = $"Hyper-parameter preset: {string.Join(", ", presets.Select(p => $"{p.Name} ({p.Description})"))}. Options given explicitly override it.",
            DefaultValueFactory = _ => fallback.Name,
        };
        Preset.AcceptOnlyFromAmong([.. presets.Select(p => p.Name)]);
    }

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Run folder: checkpoints/, metrics.csv, loss.png, run.json and the final model/.", Required = true };

    public Option<string> Preset { get; }

    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Peak learning rate." };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Passes over the training data." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Examples per optimizer update." };

    public Option<int?> MicroBatchSize { get; } = new("--micro-batch-size") { Description = "Examples per forward/backward pass (gradients are accumulated up to --batch-size)." };

    public Option<LearningRateScheduleKind?> Schedule { get; } = new("--schedule") { Description = "Learning-rate shape after warm-up: Constant, Linear or Cosine." };

    public Option<double?> WarmupRatio { get; } = new("--warmup-ratio") { Description = "Share of updates spent warming up (0-1)." };

    public Option<double?> WeightDecay { get; } = new("--weight-decay") { Description = "AdamW decoupled weight decay." };

    public Option<double?> MaxGradientNorm { get; } = new("--max-grad-norm") { Description = "Clip gradients to this global L2 norm (0: no clipping)." };

    public Option<int?> ContextLength { get; } = new("--context-length") { Description = "Longest sequence in tokens." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the data order and held-out split.", DefaultValueFactory = _ => 42 };

    public Option<double> EvalFraction { get; } = new("--eval-fraction") { Description = "Share of the data held out for the per-epoch evaluation loss.", DefaultValueFactory = _ => 0.05 };

    public Option<long?> MaxSteps { get; } = new("--max-steps") { Description = "Stop after this many updates with a checkpoint (the schedule stays that of the full run); resume later with --resume." };

    public Option<int> KeepCheckpoints { get; } = new("--keep-checkpoints") { Description = "How many of the newest checkpoints to keep.", DefaultValueFactory = _ => 2 };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue from the newest checkpoint in the output folder." };

    public Option<string> Device { get; } = new Option<string>("--device") { Description = "cpu, or cuda with a CUDA build (dotnet build -p:VpoCuda=true).", DefaultValueFactory = _ => "cpu" }.AcceptOnlyFromAmong("cpu", "cuda");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Output, Preset, LearningRate, Epochs, BatchSize, MicroBatchSize, Schedule, WarmupRatio, WeightDecay, MaxGradientNorm, ContextLength, Seed, EvalFraction, MaxSteps, KeepCheckpoints, Resume, Device })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies the explicitly given options over the preset and validates the result.</summary>
    public TrainingSettings Resolve(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var preset = TrainingPresets.Get(_stage, parseResult.GetValue(Preset)!);
        var trainer = new TrainerOptions
        {
            LearningRate = parseResult.GetValue(LearningRate) ?? preset.LearningRate,
            Epochs = parseResult.GetValue(Epochs) ?? preset.Epochs,
            BatchSize = parseResult.GetValue(BatchSize) ?? preset.BatchSize,
            MicroBatchSize = parseResult.GetValue(MicroBatchSize) ?? Math.Min(preset.MicroBatchSize, parseResult.GetValue(BatchSize) ?? preset.BatchSize),
            Schedule = parseResult.GetValue(Schedule) ?? preset.Schedule,
            WarmupRatio = parseResult.GetValue(WarmupRatio) ?? preset.WarmupRatio,
            WeightDecay = parseResult.GetValue(WeightDecay) ?? preset.WeightDecay,
            MaxGradientNorm = parseResult.GetValue(MaxGradientNorm) ?? preset.MaxGradientNorm,
            Seed = parseResult.GetValue(Seed),
            StopAfterSteps = parseResult.GetValue(MaxSteps),
            KeepCheckpoints = parseResult.GetValue(KeepCheckpoints),
            OutputDirectory = Path.GetFullPath(parseResult.GetValue(Output)!),
        };
        trainer.Validate();
        var contextLength = parseResult.GetValue(ContextLength) ?? preset.ContextLength;
        if (contextLength < 2)
        {
            throw new ArgumentException($"--context-length is {contextLength}; expected at least 2.");
        }

        var evalFraction = parseResult.GetValue(EvalFraction);
        if (evalFraction is < 0 or >= 1)
        {
            throw new ArgumentException($"--eval-fraction is {evalFraction}; expected at least 0 and below 1.");
        }

        return new TrainingSettings(preset, trainer, contextLength, evalFraction, parseResult.GetValue(Resume), parseResult.GetValue(Device)!);
    }
}
