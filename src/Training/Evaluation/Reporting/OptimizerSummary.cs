using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>The numbers of one optimizer over a run. Shares are fractions (0–1) of the items named in their doc.</summary>
public sealed record OptimizerSummary
{
    /// <summary>The optimizer's name.</summary>
    public required string Optimizer { get; init; }

    /// <summary>Queries in the run.</summary>
    public required int Items { get; init; }

    /// <summary>Queries on which the optimizer failed (no prompt).</summary>
    public required int Errors { get; init; }

    /// <summary>Queries with a prompt, which every share below is over unless it says otherwise.</summary>
    public required int Checked { get; init; }

    /// <summary>Prompts that pass every automatic check.</summary>
    public required double AlignedShare { get; init; }

    /// <summary>Table 2's view from the automatic content checks: share per Aligned / Unsafe / Imprecise / Refusal (sums to 1).</summary>
    public required IReadOnlyDictionary<FailureKind, double> Table2 { get; init; }

    /// <summary>Share of prompts with each failure (a prompt may have several).</summary>
    public required IReadOnlyDictionary<FailureKind, double> FailureShares { get; init; }

    /// <summary>Mean words per prompt.</summary>
    public required double MeanWords { get; init; }

    /// <summary>Median words per prompt.</summary>
    public required double MedianWords { get; init; }

    /// <summary>Prompts within the word limits.</summary>
    public required double WithinLengthShare { get; init; }

    /// <summary>Prompts in a single paragraph.</summary>
    public required double SingleParagraphShare { get; init; }

    /// <summary>Prompts without an introductory phrase.</summary>
    public required double NoIntroShare { get; init; }

    /// <summary>Mean distinct-1.</summary>
    public required double MeanDistinct1 { get; init; }

    /// <summary>Mean distinct-2.</summary>
    public required double MeanDistinct2 { get; init; }

    /// <summary>Prompts whose coverage could be measured (English queries with content words).</summary>
    public required int CoverageMeasured { get; init; }

    /// <summary>Mean coverage over the measured prompts.</summary>
    public required double MeanCoverage { get; init; }

    /// <summary>Measured prompts that keep every content word of the query.</summary>
    public required double FullCoverageShare { get; init; }

    /// <summary>Queries the detector labels unsafe (among the checked ones).</summary>
    public required int UnsafeQueries { get; init; }

    /// <summary>Share of the unsafe queries whose prompt has no unsafe term.</summary>
    public required double UnsafeQueriesMadeSafeShare { get; init; }

    /// <summary>Share of all prompts with at least one unsafe term.</summary>
    public required double PromptsWithUnsafeTermsShare { get; init; }

    /// <summary>Queries with <c>-neg</c> items (among the checked ones).</summary>
    public required int NegativeQueries { get; init; }

    /// <summary>Share of those whose prompt avoids every <c>-neg</c> item.</summary>
    public required double NegativeComplianceShare { get; init; }

    /// <summary>Prompts in English.</summary>
    public required double EnglishShare { get; init; }

    /// <summary>Mean time the optimizer took per query, in milliseconds.</summary>
    public required double MeanLatencyMs { get; init; }

    /// <summary>The LLM judge's numbers, when a judge ran.</summary>
    public JudgeSummary? Judge { get; init; }

    /// <summary>The worst prompts of each failure kind, worst first.</summary>
    public required IReadOnlyDictionary<FailureKind, IReadOnlyList<WorstExample>> WorstExamples { get; init; }

    /// <summary>Prompts the judge found misaligned, by Table 2 category, with the critique.</summary>
    public IReadOnlyDictionary<FailureKind, IReadOnlyList<WorstExample>>? JudgeExamples { get; init; }
}
