using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;

namespace Vpo.Inference.Tests.Scheduling;

public sealed class BatchPlannerTests
{
    private static readonly SamplingOptions Greedy = new(0, 1, 64, null);
    private static readonly SamplingOptions Sampled = new(0.7, 1, 64, null);

    private sealed record Waiting(string Name, SamplingOptions Options, int Length);

    private static IReadOnlyList<Waiting> Take(List<Waiting> waiting, int maxBatchSize) =>
        BatchPlanner.TakeNext(waiting, maxBatchSize, item => item.Options, item => item.Length);

    [Fact]
    public void Requests_with_equal_options_share_a_batch_and_others_wait()
    {
        var waiting = new List<Waiting>
        {
            new("a", Greedy, 10), new("b", Sampled, 10), new("c", Greedy, 12), new("d", Sampled with { }, 11),
        };

        var first = Take(waiting, 8);
        var second = Take(waiting, 8);

        Assert.Equal(["a", "c"], first.Select(item => item.Name));
        Assert.Equal(["b", "d"], second.Select(item => item.Name));
        Assert.Empty(waiting);
    }

    [Fact]
    public void Greedy_requests_share_whatever_their_temperature_seed_or_top_p()
    {
        var waiting = new List<Waiting> { new("a", Greedy, 5), new("b", new SamplingOptions(0, 0.5, 64, 9), 5) };

        Assert.Equal(2, Take(waiting, 8).Count);
    }

    [Fact]
    public void Different_budgets_do_not_share()
    {
        var waiting = new List<Waiting> { new("a", Greedy, 5), new("b", Greedy with { MaxNewTokens = 65 }, 5) };

        Assert.Single(Take(waiting, 8));
        Assert.Single(waiting);
    }

    [Fact]
    public void A_seeded_sampling_request_runs_alone_even_beside_an_identical_one()
    {
        var seeded = new SamplingOptions(0.7, 1, 64, 42);
        var waiting = new List<Waiting> { new("a", seeded, 5), new("b", seeded, 5), new("c", Greedy, 5) };

        Assert.Equal(["a"], Take(waiting, 8).Select(item => item.Name));
        Assert.Equal(["b"], Take(waiting, 8).Select(item => item.Name));
        Assert.Equal(["c"], Take(waiting, 8).Select(item => item.Name));
    }

    [Fact]
    public void When_more_wait_than_fit_the_oldest_goes_with_the_closest_prompt_lengths()
    {
        var waiting = new List<Waiting>
        {
            new("oldest", Greedy, 100), new("short1", Greedy, 10), new("long1", Greedy, 101),
            new("short2", Greedy, 11), new("long2", Greedy, 99), new("short3", Greedy, 12),
        };

        var batch = Take(waiting, 3);

        Assert.Equal(["oldest", "long1", "long2"], batch.Select(item => item.Name));
        Assert.Equal(["short1", "short2", "short3"], waiting.Select(item => item.Name));
    }

    [Fact]
    public void The_oldest_request_is_never_left_behind_even_when_its_length_is_an_outlier()
    {
        var waiting = new List<Waiting>
        {
            new("oldest", Greedy, 500), new("a", Greedy, 10), new("b", Greedy, 10), new("c", Greedy, 10),
        };

        var batch = Take(waiting, 2);

        Assert.Contains(batch, item => item.Name == "oldest");
        Assert.Equal(2, batch.Count);
    }

    [Fact]
    public void A_max_batch_of_one_turns_batching_off()
    {
        var waiting = new List<Waiting> { new("a", Greedy, 5), new("b", Greedy, 5) };

        Assert.Single(Take(waiting, 1));
    }
}
