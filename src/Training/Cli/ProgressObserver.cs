using System.Globalization;
using Spectre.Console;
using Vpo.Training.Loops;

namespace Vpo.Training.Cli;

/// <summary>Shows a run as a Spectre.Console progress bar (ETA, live loss) and prints evaluations and checkpoints above it.</summary>
/// <param name="console">Where to render.</param>
/// <param name="task">The progress task of the run.</param>
public sealed class ProgressObserver(IAnsiConsole console, ProgressTask task) : ITrainingObserver
{
    private string _stage = "training";

    /// <inheritdoc />
    public void OnStart(TrainingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _stage = plan.Objective;
        task.MaxValue = plan.TotalSteps;
        task.Value = plan.StartStep;
        task.Description = Markup.Escape($"{_stage}: starting");
        console.MarkupLine(Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{plan.Objective}: {plan.TrainExamples} training / {plan.EvalExamples} held-out examples, {plan.StepsPerEpoch} updates per epoch, {plan.TotalSteps} in all ({plan.WarmupSteps} warm-up)")));
        if (plan.StartStep > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"resuming after update {plan.StartStep}")));
        }
    }

    /// <inheritdoc />
    public void OnStep(StepMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var extra = string.Concat(metrics.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $" {m.Key} {m.Value:0.###}")));
        task.Description = Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"{_stage} epoch {metrics.Epoch} loss {metrics.Loss:0.0000}{extra} lr {metrics.LearningRate:0.##e0} {metrics.TokensPerSecond:0} tok/s"));
        task.Value = metrics.Step;
    }

    /// <inheritdoc />
    public void OnEvaluation(EvaluationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var extra = string.Concat(metrics.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $", {m.Key} {m.Value:0.####}")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {metrics.Epoch}: held-out loss {metrics.Loss:0.0000}{extra}")));
    }

    /// <inheritdoc />
    public void OnCheckpoint(string directory, long step) =>
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"checkpoint after update {step}: {directory}")));
}
