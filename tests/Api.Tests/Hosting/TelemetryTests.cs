using System.Globalization;
using System.Text.RegularExpressions;

namespace Vpo.Api.Tests.Hosting;

public sealed partial class TelemetryTests
{
    [Fact]
    public async Task Metrics_are_scraped_at_metrics_after_requests()
    {
        await using var service = await TestService.StartReadyAsync();
        await service.OptimizeOkAsync(new { query = "a cat", options = new { temperature = 0.0, max_new_tokens = 6 } });
        using var invalid = await service.OptimizeAsync(new { query = "" });

        var text = await service.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(1, Value(text, "vpo_optimize_requests_total", "outcome=\"ok\""));
        Assert.Equal(1, Value(text, "vpo_optimize_requests_total", "outcome=\"invalid\""));
        // Two runs: the warm-up and the request.
        Assert.Equal(2, Value(text, "vpo_generator_runs_total"));
        Assert.Equal(service.Statistics.GeneratedTokens, Value(text, "vpo_generated_tokens_total"));
        Assert.Equal(0, Value(text, "vpo_queue_length"));
        Assert.Equal(2, Value(text, "vpo_queue_time_seconds_count"));
        Assert.Equal(2, Value(text, "vpo_batch_size_count"));
        Assert.Equal(2, Value(text, "vpo_time_to_first_token_seconds_count"));
        Assert.Equal(2, Value(text, "vpo_tokens_per_second_count"));
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
    }

    // The value of the first sample of <paramref name="metric"/> whose labels contain <paramref name="label"/>.
    private static double Value(string exposition, string metric, string label = "")
    {
        foreach (Match match in SamplePattern().Matches(exposition))
        {
            if (match.Groups["name"].Value == metric && match.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            {
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }

        Assert.Fail($"no sample of {metric} {label} in:\n{exposition}");
        return double.NaN;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SamplePattern();
}
