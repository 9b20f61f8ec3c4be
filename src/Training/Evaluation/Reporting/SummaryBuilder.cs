using System.Globalization;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Judging;
using Vpo.Training.Evaluation.Running;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>
/// Aggregates an optimizer's records into its summary. The checks are run again here, so the report always
/// reflects the thresholds in force, whatever an earlier run stored.
/// </summary>
public sealed class SummaryBuilder(PrincipleChecker checker, int examplesPerKind = 3)
{
    private static readonly FailureKind[] Table2Kinds = [FailureKind.Aligned, FailureKind.Unsafe, FailureKind.Imprecise, FailureKind.Refusal];
    private const int QuoteLength = 600;

    /// <summary>The summary of one optimizer's records (one per query).</summary>
    public OptimizerSummary Build(string optimizer, IReadOnlyList<EvaluationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rows = records
            .Where(r => r.Output is not null)
            .Select(r => (Record: r, Report: checker.Check(r.Query, r.Output!)))
            .ToList();
        var reports = rows.Select(r => r.Report).ToList();
        var measured = reports.Where(r => r.Coverage is not null).ToList();
        var unsafeQueries = reports.Where(r => r.QuerySafety.IsUnsafe).ToList();
        var negQueries = reports.Where(r => r.NegativeItems.Count > 0).ToList();
        var words = reports.Select(r => (double)r.WordCount).Order().ToList();
        var options = checker.Options;

        return new OptimizerSummary
        {
            Optimizer = optimizer,
            Items = records.Count,
            Errors = records.Count(r => r.Output is null),
            Checked = reports.Count,
            AlignedShare = Share(reports, r => r.IsAligned),
            Table2 = Table2Kinds.ToDictionary(kind => kind, kind => Share(reports, r => r.Table2Category == kind)),
            FailureShares = Enum.GetValues<FailureKind>().Where(k => k != FailureKind.Aligned)
                .ToDictionary(kind => kind, kind => Share(reports, r => r.Failures.Contains(kind))),
            MeanWords = words.Count > 0 ? words.Average() : 0,
            MedianWords = Median(words),
            WithinLengthShare = Share(reports, r => r.WordCount >= options.MinWords && r.WordCount <= options.MaxWords),
            SingleParagraphShare = Share(reports, r => r.ParagraphCount <= 1),
            NoIntroShare = Share(reports, r => r.IntroPhrase is null),
            MeanDistinct1 = reports.Count > 0 ? reports.Average(r => r.Distinct1) : 0,
            MeanDistinct2 = reports.Count > 0 ? reports.Average(r => r.Distinct2) : 0,
            CoverageMeasured = measured.Count,
            MeanCoverage = measured.Count > 0 ? measured.Average(r => r.Coverage!.Value) : 0,
            FullCoverageShare = Share(measured, r => r.MissingWords.Count == 0),
            UnsafeQueries = unsafeQueries.Count,
            UnsafeQueriesMadeSafeShare = Share(unsafeQueries, r => r.UnsafeTermsInOutput.Count == 0),
            PromptsWithUnsafeTermsShare = Share(reports, r => r.UnsafeTermsInOutput.Count > 0),
            NegativeQueries = negQueries.Count,
            NegativeComplianceShare = Share(negQueries, r => r.ViolatedNegativeItems.Count == 0),
            EnglishShare = Share(reports, r => r.IsEnglish),
            MeanLatencyMs = records.Count > 0 ? records.Average(r => r.ElapsedMs) : 0,
            Judge = records.Any(r => r.Judge is not null) ? SummarizeJudge(rows) : null,
            WorstExamples = PickWorst(rows),
            JudgeExamples = records.Any(r => r.Judge is not null) ? PickJudgeExamples(rows) : null,
        };
    }

    private static JudgeSummary SummarizeJudge(List<(EvaluationRecord Record, PrincipleReport Report)> rows)
    {
        var judged = rows.Where(r => r.Record.Judge is { Status: JudgeStatus.Judged }).ToList();
        return new JudgeSummary(
            judged.Count,
            rows.Count(r => r.Record.Judge is { Status: JudgeStatus.Skipped }),
            rows.Count(r => r.Record.Judge is { Status: JudgeStatus.Failed }),
            Table2Kinds.ToDictionary(kind => kind, kind => Share(judged, r => r.Record.Judge!.Category == kind)),
            judged.Count(r => r.Record.Judge!.CategorySource == "checks"),
            Share(judged, r => r.Record.Judge!.IsAligned == (r.Report.Table2Category == FailureKind.Aligned)));
    }

    private Dictionary<FailureKind, IReadOnlyList<WorstExample>> PickWorst(List<(EvaluationRecord Record, PrincipleReport Report)> rows)
    {
        var worst = new Dictionary<FailureKind, IReadOnlyList<WorstExample>>();
        foreach (var kind in Enum.GetValues<FailureKind>().Where(k => k != FailureKind.Aligned))
        {
            var examples = rows
                .Where(r => r.Report.Failures.Contains(kind))
                .OrderByDescending(r => Badness(kind, r.Report))
                .ThenBy(r => r.Record.Index)
                .Take(examplesPerKind)
                .Select(r => new WorstExample(r.Record.Index, r.Record.Query, Quote(r.Report.Output), Describe(kind, r.Report)))
                .ToList();
            if (examples.Count > 0)
            {
                worst[kind] = examples;
            }
        }

        return worst;
    }

    private Dictionary<FailureKind, IReadOnlyList<WorstExample>> PickJudgeExamples(List<(EvaluationRecord Record, PrincipleReport Report)> rows)
    {
        var examples = new Dictionary<FailureKind, IReadOnlyList<WorstExample>>();
        foreach (var kind in Table2Kinds.Skip(1))
        {
            var picked = rows
                .Where(r => r.Record.Judge is { Status: JudgeStatus.Judged, IsAligned: false } verdict && verdict.Category == kind)
                .OrderBy(r => r.Record.Index)
                .Take(examplesPerKind)
                .Select(r => new WorstExample(r.Record.Index, r.Record.Query, Quote(r.Report.Output),
                    "critique: " + Quote(Tail(r.Record.Judge!.Critique ?? string.Empty, 400))))
                .ToList();
            if (picked.Count > 0)
            {
                examples[kind] = picked;
            }
        }

        return examples;
    }

    // Larger is worse; each kind is ranked by the measurement that makes it fail.
    private static double Badness(FailureKind kind, PrincipleReport report) => kind switch
    {
        FailureKind.Unsafe => report.UnsafeTermsInOutput.Count,
        FailureKind.Imprecise => (1 - (report.Coverage ?? 1)) + report.ViolatedNegativeItems.Count,
        FailureKind.Refusal => -report.WordCount,
        FailureKind.NonEnglish => report.WordCount,
        FailureKind.TooShort => -report.WordCount,
        FailureKind.TooLong => report.WordCount,
        FailureKind.MultiParagraph => report.ParagraphCount,
        FailureKind.Repetitive => -report.Distinct2,
        _ => 0,
    };

    private static string Describe(FailureKind kind, PrincipleReport report) => kind switch
    {
        FailureKind.Unsafe => "unsafe terms: " + string.Join(", ", report.UnsafeTermsInOutput.Select(m => $"{m.Text} ({m.Category})").Distinct()),
        FailureKind.Imprecise => string.Create(CultureInfo.InvariantCulture,
            $"coverage {report.Coverage ?? 1:P0}; missing: {string.Join(", ", report.MissingWords)}")
            + (report.ViolatedNegativeItems.Count > 0 ? "; -neg items present: " + string.Join(", ", report.ViolatedNegativeItems) : string.Empty),
        FailureKind.Refusal => "refusal: " + report.RefusalPhrase,
        FailureKind.NonEnglish => "not English",
        FailureKind.TooShort or FailureKind.TooLong => string.Create(CultureInfo.InvariantCulture, $"{report.WordCount} words"),
        FailureKind.MultiParagraph => string.Create(CultureInfo.InvariantCulture, $"{report.ParagraphCount} paragraphs"),
        FailureKind.IntroPhrase => "intro: " + report.IntroPhrase,
        FailureKind.Repetitive => string.Create(CultureInfo.InvariantCulture, $"distinct-2 {report.Distinct2:F2}"),
        FailureKind.Empty => "empty prompt",
        _ => kind.ToString(),
    };

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : (double)items.Count(predicate) / items.Count;

    private static double Median(List<double> sorted) =>
        sorted.Count == 0 ? 0
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static string Quote(string text) => text.Length <= QuoteLength ? text : text[..QuoteLength] + " [...]";

    private static string Tail(string text, int length) => text.Length <= length ? text : "[...] " + text[^length..];
}
