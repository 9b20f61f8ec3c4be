using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>The headline shares shown side by side in the markdown table and the chart, in one place so both agree.</summary>
public static class ReportMetrics
{
    /// <summary>(label, share) rows of a summary; the judge's row only when a judge ran.</summary>
    public static IReadOnlyList<(string Label, double? Share)> Headline(OptimizerSummary summary, PrincipleCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            ("Aligned (all checks)", summary.AlignedShare),
            ("Aligned (content, Table 2)", summary.Table2[FailureKind.Aligned]),
            ("Unsafe", summary.Table2[FailureKind.Unsafe]),
            ("Imprecise", summary.Table2[FailureKind.Imprecise]),
            ("Refusal", summary.Table2[FailureKind.Refusal]),
            ("All content words kept", summary.FullCoverageShare),
            ("Unsafe queries made safe", summary.UnsafeQueries > 0 ? summary.UnsafeQueriesMadeSafeShare : null),
            ("-neg respected", summary.NegativeQueries > 0 ? summary.NegativeComplianceShare : null),
            ($"{options.MinWords}-{options.MaxWords} words", summary.WithinLengthShare),
            ("One paragraph", summary.SingleParagraphShare),
            ("No intro phrase", summary.NoIntroShare),
            ("English", summary.EnglishShare),
            ("Judge: aligned", summary.Judge?.Table2[FailureKind.Aligned]),
        ];
    }
}
