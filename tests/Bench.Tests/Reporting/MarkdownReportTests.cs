using Vpo.Bench.Reporting;

namespace Vpo.Bench.Tests.Reporting;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Ratios_are_computed_from_the_levels_and_marked_against_their_targets()
    {
        var report = SampleReport.Create(batchedTokens: 900, unbatchedTokens: 200, singleTokens: 95, bareTokens: 100, bareDecode: 40, soakEnd: 104);

        Assert.Equal(4.5, report.BatchingGain(16)!.Value, 3);
        Assert.Equal(0.05, report.ServiceOverhead!.Value, 3);
        Assert.Equal(100, report.RooflineTokensPerSecond, 3);
        Assert.Equal(0.04, report.Soak!.Growth, 3);
        Assert.Equal((2048 / 3.5) / (128 / 0.5), report.BareBatchingGain!.Value, 6);
        Assert.Equal(900 / (2048 / 3.5), report.ServiceShareOfBareBatch!.Value, 6);
        Assert.Equal(((2048 - 16) / 1.9) / ((128 - 1) / 0.4), report.DecodeBatchingGain!.Value, 6);

        var markdown = MarkdownReport.Render(report);

        Assert.Contains("| batching on ÷ off, generated tok/s at 16 clients | 4.50× | ≥ 4× | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 5.0 % | ≤ 10% | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 40 % | ≥ 50% | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 4.0 % | ≤ 5% | yes |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 16 | 3200 | 1.600 | 2000 | 1.900 | 1069 | 585 | 46 % |", markdown, StringComparison.Ordinal);
        Assert.Contains("The runtime alone gains 2.29× from batching", markdown, StringComparison.Ordinal);
        Assert.Contains("Decoding alone gains 3.37× at batch 16", markdown, StringComparison.Ordinal);
        Assert.Contains("At 16 clients the batching service generates 900 tok/s (mean batch 1.0): 154 % of one bare generator at batch 16 (585 tok/s).", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missed_batching_target_says_no()
    {
        var markdown = MarkdownReport.Render(SampleReport.Create(batchedTokens: 300, unbatchedTokens: 200, singleTokens: 50, bareTokens: 100, bareDecode: 80, soakEnd: 200));

        Assert.Contains("| 1.50× | ≥ 4× | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 50.0 % | ≤ 10% | no |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 100.0 % | ≤ 5% | no |", markdown, StringComparison.Ordinal);
    }
}
