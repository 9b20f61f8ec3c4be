using Vpo.Bench.Load;

namespace Vpo.Bench.Tests.Load;

public sealed class LatencySummaryTests
{
    [Fact]
    public void Percentiles_are_measured_values_by_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var summary = LatencySummary.Of(values);

        Assert.Equal(50, summary.P50);
        Assert.Equal(95, summary.P95);
        Assert.Equal(99, summary.P99);
        Assert.Equal(50.5, summary.Mean);
    }

    [Fact]
    public void A_single_slow_request_is_the_p99_of_a_small_level()
    {
        var summary = LatencySummary.Of([10, 11, 12, 900]);

        Assert.Equal(11, summary.P50);
        Assert.Equal(900, summary.P99);
    }

    [Fact]
    public void No_requests_summarise_as_zeros()
    {
        Assert.Equal(new LatencySummary(0, 0, 0, 0), LatencySummary.Of([]));
    }
}
