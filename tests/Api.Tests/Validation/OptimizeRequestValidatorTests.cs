using Vpo.Api.Contracts;
using Vpo.Api.Validation;
using Vpo.Inference;

namespace Vpo.Api.Tests.Validation;

public sealed class OptimizeRequestValidatorTests
{
    private static readonly InferenceOptions Limits = new();

    [Fact]
    public void Omitted_options_take_the_published_defaults()
    {
        var errors = OptimizeRequestValidator.Validate(new OptimizeRequest { Query = "a cat" }, null, Limits, out var plan);

        Assert.Empty(errors);
        Assert.NotNull(plan);
        Assert.Equal(0.7, plan.Options.Temperature);
        Assert.Equal(1.0, plan.Options.TopP);
        Assert.Equal(1024, plan.Options.MaxNewTokens);
        Assert.Null(plan.Options.Seed);
        Assert.Equal(1, plan.Iterations);
        Assert.True(plan.IsSingle);
    }

    [Fact]
    public void Given_options_and_iterations_are_kept()
    {
        var request = new OptimizeRequest
        {
            Queries = ["a", "b"],
            Options = new OptimizeOptions { Temperature = 0, TopP = 0.5, MaxNewTokens = 64, Seed = 3 },
        };

        var errors = OptimizeRequestValidator.Validate(request, "5", Limits, out var plan);

        Assert.Empty(errors);
        Assert.Equal(new Vpo.Inference.Generation.SamplingOptions(0, 0.5, 64, 3), plan!.Options);
        Assert.Equal(["a", "b"], plan.Queries);
        Assert.False(plan.IsSingle);
        Assert.Equal(5, plan.Iterations);
    }

    [Fact]
    public void Limits_come_from_the_options()
    {
        var strict = new InferenceOptions { MaxQueryLength = 10, MaxQueriesPerRequest = 2, MaxIterations = 2 };

        var errors = OptimizeRequestValidator.Validate(new OptimizeRequest { Queries = ["short", "far too long a query", "c"] }, "3", strict, out var plan);

        Assert.Null(plan);
        Assert.Contains("queries", errors.Keys);
        Assert.Contains("iterations", errors.Keys);
        Assert.Contains("2", errors["queries"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var request = new OptimizeRequest
        {
            Queries = ["ok", " "],
            Options = new OptimizeOptions { Temperature = 9, TopP = 0, MaxNewTokens = -1, Seed = -2 },
        };

        var errors = OptimizeRequestValidator.Validate(request, "x", Limits, out _);

        Assert.Equal(
            ["iterations", "options.max_new_tokens", "options.seed", "options.temperature", "options.top_p", "queries[1]"],
            errors.Keys.Order(StringComparer.Ordinal));
    }
}
