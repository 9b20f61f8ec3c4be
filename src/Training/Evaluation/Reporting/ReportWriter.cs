using System.Text.Json;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>Writes <c>report.json</c>, <c>report.md</c> and <c>report.png</c> into the output folder, each atomically.</summary>
public static class ReportWriter
{
    /// <summary>The report files' names.</summary>
    public const string JsonFile = "report.json", MarkdownFile = "report.md", ChartFile = "report.png";

    /// <summary>Writes the three files.</summary>
    public static async Task WriteAsync(EvaluationReport report, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        await WriteAtomicallyAsync(Path.Combine(folder, JsonFile),
            path => File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Running.EvaluationJson.Indented) + "\n", cancellationToken)).ConfigureAwait(false);
        await WriteAtomicallyAsync(Path.Combine(folder, ChartFile), path =>
        {
            ChartWriter.WritePng(report, path);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        await WriteAtomicallyAsync(Path.Combine(folder, MarkdownFile),
            path => File.WriteAllTextAsync(path, MarkdownReportWriter.Render(report, ChartFile), cancellationToken)).ConfigureAwait(false);
    }

    // A reader never sees half a report: write beside, then move over.
    private static async Task WriteAtomicallyAsync(string path, Func<string, Task> write)
    {
        var temporary = path + ".tmp" + Path.GetExtension(path);
        await write(temporary).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }
}
