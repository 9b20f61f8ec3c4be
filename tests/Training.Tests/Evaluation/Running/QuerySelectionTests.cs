using Vpo.Training.Evaluation.Running;

namespace Vpo.Training.Tests.Evaluation.Running;

public sealed class QuerySelectionTests
{
    [Fact]
    public void A_limit_takes_the_first_queries_and_a_seed_a_reproducible_sample_keeping_positions()
    {
        var queries = Enumerable.Range(0, 100).Select(i => $"q{i}").ToList();

        Assert.Equal([0, 1, 2], QuerySelection.Select(queries, 3, null).Select(i => i.Index));
        var sample = QuerySelection.Select(queries, 5, 42);
        Assert.Equal(sample, QuerySelection.Select(queries, 5, 42));
        Assert.NotEqual(sample.Select(i => i.Index), QuerySelection.Select(queries, 5, 43).Select(i => i.Index));
        Assert.All(sample, item => Assert.Equal($"q{item.Index}", item.Query));
    }
}
