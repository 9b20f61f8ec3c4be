using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>The whole report of a run.</summary>
/// <param name="QueryFile">The query file.</param>
/// <param name="Items">Queries evaluated.</param>
/// <param name="Limit">The --limit given.</param>
/// <param name="Seed">The --seed given.</param>
/// <param name="JudgeModel">The judge model, if any.</param>
/// <param name="Thresholds">The check thresholds in force.</param>
/// <param name="Optimizers">One summary per optimizer, in the order given.</param>
/// <param name="GeneratedAt">When the report was written.</param>
public sealed record EvaluationReport(
    string QueryFile,
    int Items,
    int? Limit,
    int? Seed,
    string? JudgeModel,
    PrincipleCheckOptions Thresholds,
    IReadOnlyList<OptimizerSummary> Optimizers,
    DateTimeOffset GeneratedAt);
