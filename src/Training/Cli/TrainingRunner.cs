using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vpo.Training.Loops;
using Vpo.Training.Reporting;
using Vpo.Training.Storage;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary>
/// What every training command does around its loop: prepares (or resumes) the run folder, shows progress,
/// writes metrics.csv, saves the final model and draws loss.png.
/// </summary>
internal static class TrainingRunner
{
    /// <summary>Exit code of a run stopped by Ctrl-C (128 + SIGINT), after its checkpoint was saved.</summary>
    public const int InterruptedExitCode = 130;

    /// <summary>
    /// The checkpoint to resume from, or null for a fresh run; refuses to start a fresh run over an existing one.
    /// Call it before any file is written.
    /// </summary>
    public static string? CheckOutputFolder(TrainingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var output = settings.Trainer.OutputDirectory;
        var latest = TrainingCheckpoint.FindLatest(Path.Combine(output, "checkpoints"));
        if (settings.Resume)
        {
            return latest ?? throw new ArgumentException($"--resume was given, but {Path.Combine(output, "checkpoints")} holds no checkpoint to resume from.");
        }

        if (latest is not null || File.Exists(Path.Combine(output, "metrics.csv")))
        {
            throw new ArgumentException($"{output} already holds a training run; pass --resume to continue it, or choose a new --output.");
        }

        return null;
    }

    /// <summary>Runs <paramref name="train"/> with progress and reporting; returns the process exit code.</summary>
    public static async Task<int> RunAsync(
        TrainingSettings settings,
        IReadOnlyDictionary<string, object?> description,
        nn.Module<Tensor, Tensor> model,
        string? resumeFrom,
        Func<ITrainingObserver, CancellationToken, Task<TrainingRunResult>> train,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        var output = settings.Trainer.OutputDirectory;
        Directory.CreateDirectory(output);
        if (resumeFrom is null)
        {
            await AtomicFile.WriteAllTextAsync(Path.Combine(output, "run.json"), DescribeRun(settings, description), cancellationToken).ConfigureAwait(false);
        }

        var console = AnsiConsole.Console;
        var metricsPath = Path.Combine(output, "metrics.csv");
        TrainingRunResult? result = null;
        using (var metrics = new MetricsCsvObserver(metricsPath))
        {
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(settings.Preset.Stage.ToString().ToLowerInvariant()), maxValue: 1);
                    result = await train(new CompositeTrainingObserver(metrics, new ProgressObserver(console, task)), cancellationToken).ConfigureAwait(false);
                })
                .ConfigureAwait(false);
        }

        DrawLossCurve(console, metricsPath, Path.Combine(output, "loss.png"), settings);
        if (result!.Completed)
        {
            var modelDirectory = Path.Combine(output, "model");
            await AtomicFile.WriteDirectoryAsync(modelDirectory, directory =>
            {
                settings.Trainer.ModelStore.Save(model, directory);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
            console.MarkupLine(Markup.Escape($"done: {result.StepsDone} updates; model in {modelDirectory}"));
            return 0;
        }

        console.MarkupLine(Markup.Escape($"stopped after {result.StepsDone} updates; checkpoint {result.LastCheckpoint}. Continue with the same command and --resume."));
        return cancellationToken.IsCancellationRequested ? InterruptedExitCode : 0;
    }

    private static void DrawLossCurve(IAnsiConsole console, string metricsPath, string imagePath, TrainingSettings settings)
    {
        if (!File.Exists(metricsPath))
        {
            return;
        }

        var (train, eval) = MetricsCsvReader.ReadLosses(metricsPath);
        try
        {
            LossCurvePlot.Save(imagePath, $"{settings.Preset.Stage.ToString().ToLowerInvariant()} loss ({settings.Preset.Name})", train, eval);
            console.MarkupLine(Markup.Escape($"loss curve: {imagePath}"));
        }
        catch (Exception exception) when (exception is DllNotFoundException or TypeInitializationException)
        {
            // The curve is a convenience: a host without Skia's native library still gets its model and metrics.
            console.MarkupLine(Markup.Escape($"warning: could not draw {imagePath} ({exception.Message}); the numbers are in {metricsPath}."));
        }
    }

    private static string DescribeRun(TrainingSettings settings, IReadOnlyDictionary<string, object?> description)
    {
        var trainer = settings.Trainer;
        var run = new Dictionary<string, object?>(description)
        {
            ["preset"] = settings.Preset.Name,
            ["learning_rate"] = trainer.LearningRate,
            ["epochs"] = trainer.Epochs,
            ["batch_size"] = trainer.BatchSize,
            ["micro_batch_size"] = trainer.MicroBatchSize,
            ["schedule"] = trainer.Schedule.ToString().ToLowerInvariant(),
            ["warmup_ratio"] = trainer.WarmupRatio,
            ["weight_decay"] = trainer.WeightDecay,
            ["adam_betas"] = new[] { trainer.Beta1, trainer.Beta2 },
            ["max_grad_norm"] = trainer.MaxGradientNorm,
            ["context_length"] = settings.ContextLength,
            ["eval_fraction"] = settings.EvalFraction,
            ["seed"] = trainer.Seed,
            ["device"] = settings.Device,
            ["started"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(run, new JsonSerializerOptions { WriteIndented = true });
    }
}
