using Vpo.Training.Evaluation.Optimizers;
using Vpo.Training.Tests.TestDoubles;

namespace Vpo.Training.Tests.Evaluation.Optimizers;

public sealed class ServiceOptimizerTests
{
    [Fact]
    public async Task Posts_the_query_and_returns_the_prompt_field()
    {
        await using var service = await OptimizeServiceDouble.StartAsync(query => OptimizeServiceDouble.Prompt("Optimized: " + query));
        using var optimizer = new ServiceOptimizer(service.BaseUrl, TimeSpan.FromSeconds(10));

        var prompt = await optimizer.OptimizeAsync("a cat -ar 16:9", TestContext.Current.CancellationToken);

        Assert.Equal("Optimized: a cat -ar 16:9", prompt);
        Assert.Equal(["a cat -ar 16:9"], service.Queries);
        Assert.Equal("service", optimizer.Name);
    }

    [Fact]
    public async Task An_error_status_becomes_an_optimizer_error_naming_the_status()
    {
        await using var service = await OptimizeServiceDouble.StartAsync(_ => (503, """{"title":"model warming up"}"""));
        using var optimizer = new ServiceOptimizer(service.BaseUrl, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<OptimizerException>(() => optimizer.OptimizeAsync("a cat", TestContext.Current.CancellationToken));

        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Contains("model warming up", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_without_a_prompt_field_is_an_error_naming_the_field()
    {
        await using var service = await OptimizeServiceDouble.StartAsync(_ => (200, """{"text":"hello"}"""));
        using var optimizer = new ServiceOptimizer(service.BaseUrl, TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<OptimizerException>(() => optimizer.OptimizeAsync("a cat", TestContext.Current.CancellationToken));

        Assert.Contains("'prompt'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_an_optimizer_error()
    {
        await using var service = await OptimizeServiceDouble.StartAsync(_ => (200, "<html>oops</html>"));
        using var optimizer = new ServiceOptimizer(service.BaseUrl, TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<OptimizerException>(() => optimizer.OptimizeAsync("a cat", TestContext.Current.CancellationToken));
    }
}
