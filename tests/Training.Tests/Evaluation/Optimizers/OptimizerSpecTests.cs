using Vpo.Training.Evaluation.Optimizers;

namespace Vpo.Training.Tests.Evaluation.Optimizers;

public sealed class OptimizerSpecTests
{
    [Theory]
    [InlineData("raw", OptimizerKind.Raw, "")]
    [InlineData("service=http://127.0.0.1:8080", OptimizerKind.Service, "http://127.0.0.1:8080")]
    [InlineData("openai=gpt-4o", OptimizerKind.OpenAi, "gpt-4o")]
    public void The_three_forms_parse(string value, OptimizerKind kind, string argument)
    {
        Assert.Equal(new OptimizerSpec(kind, argument), OptimizerSpec.Parse(value));
    }

    [Theory]
    [InlineData("service=localhost", "absolute http(s) base URL")]
    [InlineData("openai=", "name the model")]
    [InlineData("vpo", "is not one of")]
    public void Bad_values_are_rejected_quoting_them(string value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => OptimizerSpec.Parse(value));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", error.Message, StringComparison.Ordinal);
    }
}
