using Vpo.Bench.Load;

namespace Vpo.Bench.Tests.Load;

public sealed class PrometheusTextTests
{
    private const string Before = """
        # HELP vpo_batch_size_row Rows per generator run.
        # TYPE vpo_batch_size_row histogram
        vpo_batch_size_row_bucket{otel_scope_name="Vpo.Inference",le="1"} 3 1700000000000
        vpo_batch_size_row_sum{otel_scope_name="Vpo.Inference"} 10 1700000000000
        vpo_batch_size_row_count{otel_scope_name="Vpo.Inference"} 4 1700000000000
        vpo_generated_tokens_total{otel_scope_name="Vpo.Inference"} 100
        """;

    private const string After = """
        vpo_batch_size_row_sum{otel_scope_name="Vpo.Inference"} 70
        vpo_batch_size_row_count{otel_scope_name="Vpo.Inference"} 8
        vpo_generated_tokens_total{otel_scope_name="Vpo.Inference"} 1.5e3
        """;

    [Fact]
    public void Samples_are_found_by_prefix_whatever_unit_suffix_the_exporter_chose()
    {
        var page = PrometheusText.Parse(Before);

        Assert.Equal(10, page.Value("vpo_batch_size", "_sum"));
        Assert.Equal(4, page.Value("vpo_batch_size", "_count"));
        Assert.Equal(100, page.Value("vpo_generated_tokens", "_total"));
    }

    [Fact]
    public void The_mean_between_two_scrapes_counts_only_what_happened_in_between()
    {
        var mean = PrometheusText.MeanBetween(PrometheusText.Parse(Before), PrometheusText.Parse(After), "vpo_batch_size");

        Assert.Equal(15, mean); // (70 - 10) / (8 - 4)
    }

    [Fact]
    public void A_histogram_with_no_new_observations_has_mean_zero()
    {
        var page = PrometheusText.Parse(Before);

        Assert.Equal(0, PrometheusText.MeanBetween(page, page, "vpo_batch_size"));
        Assert.Equal(0, PrometheusText.MeanBetween(page, page, "vpo_missing"));
    }
}
