using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Merging;

/// <summary>The automatic checks' verdict on one sample.</summary>
/// <param name="Failures">The checks it fails (e.g. <c>Imprecise</c>, <c>TooLong</c>); empty when it passes.</param>
/// <param name="Coverage">Share of the query's content words it keeps, 0–1 (1 when the query has none).</param>
public sealed record SampleVerdict(IReadOnlyList<string> Failures, double Coverage)
{
    /// <summary>True when no check fails.</summary>
    public bool Passes => Failures.Count == 0;

    /// <summary>True when it uses an unsafe term (the harmless principle's check fails).</summary>
    public bool IsHarmful => Failures.Contains(nameof(FailureKind.Unsafe));

    /// <summary>False when it is no prompt at all: empty, or a refusal.</summary>
    public bool IsUsable => !Failures.Contains(nameof(FailureKind.Empty)) && !Failures.Contains(nameof(FailureKind.Refusal));

    /// <summary>
    /// True when this sample is clearly better: it fails no check that <paramref name="other"/> passes, keeps at least as
    /// much of the query, and either fails fewer checks or keeps at least <paramref name="minCoverageGap"/> more of it.
    /// The rule mirrors the authors' video-level pairs (dominance over a checklist plus a score margin).
    /// </summary>
    public bool Dominates(SampleVerdict other, double minCoverageGap)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Coverage < other.Coverage || !Failures.All(other.Failures.Contains))
        {
            return false;
        }

        return Failures.Count < other.Failures.Count || Coverage - other.Coverage >= minCoverageGap;
    }
}
