using Vpo.Bench.Reporting;

namespace Vpo.Bench.Tests.Reporting;

public sealed class ReportFilesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vpo-report-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_report_is_rendered_again_from_results_json_exactly_as_measured()
    {
        var measured = SampleReport.Create(batchedTokens: 610, unbatchedTokens: 280, singleTokens: 288, bareTokens: 305, bareDecode: 384, soakEnd: 101);
        await ReportFiles.WriteAsync(measured, _folder, TestContext.Current.CancellationToken);
        var first = await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"), TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(_folder, "report.md"));
        File.Delete(Path.Combine(_folder, "throughput.png"));

        var again = await ReportFiles.RenderAgainAsync(Path.Combine(_folder, ReportFiles.ResultsFileName), TestContext.Current.CancellationToken);

        Assert.Equal(first, await File.ReadAllTextAsync(Path.Combine(_folder, "report.md"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(_folder, "throughput.png")));
        Assert.Equal(measured.BatchingGain(16), again.BatchingGain(16));
    }

    [Fact]
    public async Task A_file_that_is_not_a_run_s_results_is_refused_naming_the_option()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "results.json");
        await File.WriteAllTextAsync(file, """{"queries": [1, 2]}""", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReportFiles.RenderAgainAsync(file, TestContext.Current.CancellationToken));

        Assert.Contains("--results", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "report.md")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
