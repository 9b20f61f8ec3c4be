using System.Text.Json;

namespace Vpo.Bench.Reporting;

/// <summary>
/// The files of one run in its output folder: <c>results.json</c> (everything measured) and what is drawn from it,
/// <c>report.md</c>, <c>throughput.png</c> and <c>soak-rss.png</c>. The drawn files can be made again from
/// <c>results.json</c> alone, so a change to the report's wording needs no new measurement.
/// </summary>
public static class ReportFiles
{
    /// <summary>The name of the measurements file.</summary>
    public const string ResultsFileName = "results.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes results.json, report.md and the charts into <paramref name="folder"/>.</summary>
    public static async Task WriteAsync(BenchmarkReport report, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ResultsFileName), JsonSerializer.Serialize(report, Json), cancellationToken).ConfigureAwait(false);
        await RenderAsync(report, folder, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <paramref name="resultsFile"/> and writes report.md and the charts beside it.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not a benchmark's results.json.</exception>
    public static async Task<BenchmarkReport> RenderAgainAsync(string resultsFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(resultsFile))
        {
            throw new FileNotFoundException($"--results: no file {resultsFile}.", resultsFile);
        }

        BenchmarkReport? report;
        await using (var stream = File.OpenRead(resultsFile))
        {
            try
            {
                report = await JsonSerializer.DeserializeAsync<BenchmarkReport>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"--results: {resultsFile} is not a benchmark's {ResultsFileName}: {error.Message}", error);
            }
        }

        if (report?.Machine is null || report.Settings is null || report.Bare is null || report.Phases is null || report.Batched is null || report.Unbatched is null)
        {
            throw new InvalidDataException($"--results: {resultsFile} is not a benchmark's {ResultsFileName}: fields are missing.");
        }

        await RenderAsync(report, Path.GetDirectoryName(Path.GetFullPath(resultsFile))!, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task RenderAsync(BenchmarkReport report, string folder, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), MarkdownReport.Render(report), cancellationToken).ConfigureAwait(false);
        ReportCharts.SaveThroughput(Path.Combine(folder, "throughput.png"), report);
        ReportCharts.SaveSoak(Path.Combine(folder, "soak-rss.png"), report);
    }
}
