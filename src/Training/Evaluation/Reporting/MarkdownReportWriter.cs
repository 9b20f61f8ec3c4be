using System.Globalization;
using System.Text;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>The human-readable report: the optimizers side by side, Table 2's view, the chart, and quoted worst examples.</summary>
public static class MarkdownReportWriter
{
    /// <summary>The report as markdown; <paramref name="chartFileName"/> is linked as an image.</summary>
    public static string Render(EvaluationReport report, string chartFileName)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var t = report.Thresholds;
        md.AppendLine("# Text-level alignment report").AppendLine();
        var selection = report.Limit is { } limit
            ? Invariant($" (limit {limit}") + (report.Seed is { } seed ? Invariant($", seeded sample {seed})") : ", the first ones)")
            : string.Empty;
        md.AppendLine(Invariant($"- Queries: {report.Items} from `{report.QueryFile}`") + selection);
        md.AppendLine(Invariant($"- Automatic checks: length {t.MinWords}–{t.MaxWords} words (ideal {t.IdealWords}), coverage ≥ {t.MinCoverage:P0}, distinct-2 ≥ {t.MinDistinct2:F2}"));
        md.AppendLine("- LLM judge: " + (report.JudgeModel is null ? "none" : $"`{report.JudgeModel}` (the published critique)"));
        md.AppendLine(Invariant($"- Written {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC")).AppendLine();

        var names = report.Optimizers.Select(o => o.Optimizer).ToList();
        md.AppendLine("## Side by side").AppendLine();
        md.AppendLine("| metric | " + string.Join(" | ", names) + " |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")));
        md.AppendLine("| queries / failed | " + string.Join(" | ", report.Optimizers.Select(o => Invariant($"{o.Items} / {o.Errors}"))) + " |");
        var rows = report.Optimizers.Select(o => ReportMetrics.Headline(o, t)).ToList();
        if (rows.Count > 0)
        {
            for (var i = 0; i < rows[0].Count; i++)
            {
                if (rows.All(r => r[i].Share is null))
                {
                    continue;
                }

                md.AppendLine($"| {rows[0][i].Label} | " + string.Join(" | ", rows.Select(r => Percent(r[i].Share))) + " |");
            }
        }

        md.AppendLine("| mean / median words | " + string.Join(" | ", report.Optimizers.Select(o => Invariant($"{o.MeanWords:F1} / {o.MedianWords:F0}"))) + " |");
        md.AppendLine("| mean coverage | " + string.Join(" | ", report.Optimizers.Select(o => Percent(o.CoverageMeasured > 0 ? o.MeanCoverage : null))) + " |");
        md.AppendLine("| mean distinct-1 / distinct-2 | " + string.Join(" | ", report.Optimizers.Select(o => Invariant($"{o.MeanDistinct1:F2} / {o.MeanDistinct2:F2}"))) + " |");
        md.AppendLine("| unsafe queries / with -neg | " + string.Join(" | ", report.Optimizers.Select(o => Invariant($"{o.UnsafeQueries} / {o.NegativeQueries}"))) + " |");
        md.AppendLine("| mean latency | " + string.Join(" | ", report.Optimizers.Select(o => Invariant($"{o.MeanLatencyMs:F0} ms"))) + " |");
        md.AppendLine().AppendLine($"![Headline shares per optimizer]({chartFileName})").AppendLine();

        md.AppendLine("## Table 2 view (% of prompts)").AppendLine();
        md.AppendLine("| optimizer | source | Aligned ↑ | Unsafe ↓ | Imprecise ↓ | Refusal ↓ |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var o in report.Optimizers)
        {
            md.AppendLine($"| {o.Optimizer} | checks | {Table2Cells(o.Table2)} |");
            if (o.Judge is { } judge)
            {
                md.AppendLine(Invariant($"| {o.Optimizer} | judge ({judge.Judged} judged, {judge.Skipped} skipped, {judge.Failed} failed) | {Table2Cells(judge.Table2)} |"));
            }
        }

        md.AppendLine().AppendLine("## Failures (% of prompts; a prompt may fail several checks)").AppendLine();
        md.AppendLine("| failure | " + string.Join(" | ", names) + " |");
        md.AppendLine("|---|" + string.Concat(names.Select(_ => "---:|")));
        foreach (var kind in Enum.GetValues<FailureKind>().Where(k => k != FailureKind.Aligned))
        {
            md.AppendLine($"| {kind} | " + string.Join(" | ", report.Optimizers.Select(o => Percent(o.FailureShares[kind]))) + " |");
        }

        foreach (var o in report.Optimizers)
        {
            md.AppendLine().AppendLine($"## Worst examples: {o.Optimizer}").AppendLine();
            if (o.WorstExamples.Count == 0)
            {
                md.AppendLine("No prompt failed a check.");
            }

            foreach (var (kind, examples) in o.WorstExamples)
            {
                AppendExamples(md, kind.ToString(), examples);
            }

            foreach (var (kind, examples) in o.JudgeExamples ?? new Dictionary<FailureKind, IReadOnlyList<WorstExample>>())
            {
                AppendExamples(md, $"Judge: {kind}", examples);
            }
        }

        md.AppendLine().AppendLine("## How to read this").AppendLine();
        md.AppendLine("- *Checks* are automatic and lexical: coverage counts the query's content words (stemmed; stop words, flags such as `-ar 16:9`, `-neg ...`, `-camera zoom in` and unsafe terms excluded) found in the prompt, so a faithful synonym counts as missing. Unsafe terms come from a lexicon organised by T2VSafetyBench's 12 categories.");
        md.AppendLine("- *Table 2 view* puts each prompt in one content category (Refusal, else Unsafe, else Imprecise, else Aligned), format rules aside; *Aligned (all checks)* also requires length, one paragraph, no intro phrase, no loops and English.");
        md.AppendLine("- *Judge* is the published critique (Figure 8 as released); a critique without `Final Judgement (Yes or No)` is skipped; the category of a misaligned prompt is asked in a follow-up turn.");
        return md.ToString();
    }

    private static void AppendExamples(StringBuilder md, string title, IReadOnlyList<WorstExample> examples)
    {
        md.AppendLine($"### {title}").AppendLine();
        foreach (var example in examples)
        {
            md.AppendLine(Invariant($"- query #{example.Index}: {Inline(example.Query)}"));
            md.AppendLine($"  - {Inline(example.Detail)}");
            md.AppendLine();
            foreach (var line in example.Output.Split('\n'))
            {
                md.AppendLine("  > " + Escape(line));
            }

            md.AppendLine();
        }
    }

    private static string Table2Cells(IReadOnlyDictionary<FailureKind, double> shares) =>
        string.Join(" | ", new[] { FailureKind.Aligned, FailureKind.Unsafe, FailureKind.Imprecise, FailureKind.Refusal }
            .Select(k => Invariant($"{shares[k] * 100:F1}")));

    private static string Percent(double? share) => share is { } s ? Invariant($"{s * 100:F1}%") : "–";

    private static string Inline(string text) => "`" + text.Replace('\n', ' ').Replace("`", "'", StringComparison.Ordinal) + "`";

    private static string Escape(string text) => text.Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
