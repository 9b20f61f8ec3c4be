namespace Vpo.Training.Loops;

/// <summary>The shape of a run, known before the first update.</summary>
/// <param name="Objective">"pretrain", "sft" or "dpo".</param>
/// <param name="TrainExamples">Examples (sequences or pairs) per epoch.</param>
/// <param name="EvalExamples">Held-out examples.</param>
/// <param name="StepsPerEpoch">Optimizer updates per epoch.</param>
/// <param name="TotalSteps">Updates of the whole run.</param>
/// <param name="WarmupSteps">Updates of warm-up.</param>
/// <param name="StartStep">Updates already done (non-zero when resuming).</param>
/// <param name="MetricNames">The objective's extra metric names.</param>
public sealed record TrainingPlan(
    string Objective,
    int TrainExamples,
    int EvalExamples,
    long StepsPerEpoch,
    long TotalSteps,
    long WarmupSteps,
    long StartStep,
    IReadOnlyList<string> MetricNames);
