using Vpo.Training.Cli;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class TrainingCommandTests
{
    [Fact]
    public async Task Sft_with_a_malformed_line_fails_with_exit_code_2_and_writes_nothing()
    {
        using var folder = new TemporaryDirectory();
        var data = folder.Combine("sft.jsonl");
        await File.WriteAllTextAsync(data, "{\"query\": \"a\", \"prompt\": \"b\"}\n{\"query\": \"c\"\n", TestContext.Current.CancellationToken);
        var output = folder.Combine("run");

        var exitCode = await VpoTrainCli.Build().Parse(["sft", "--model", folder.Combine("model"), "--data", data, "--output", output]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Dpo_with_an_empty_file_fails_with_exit_code_2_and_writes_nothing()
    {
        using var folder = new TemporaryDirectory();
        var data = folder.Combine("pairs.jsonl");
        await File.WriteAllTextAsync(data, "", TestContext.Current.CancellationToken);
        var output = folder.Combine("run");

        var exitCode = await VpoTrainCli.Build().Parse(["dpo", "--model", folder.Combine("model"), "--data", data, "--output", output]).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, exitCode);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Dpo_with_a_negative_rpo_alpha_fails_with_exit_code_2_naming_the_option_and_writes_nothing()
    {
        using var folder = new TemporaryDirectory();
        var data = folder.Combine("pairs.jsonl");
        await File.WriteAllTextAsync(data, "{\"query\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\", \"source\": \"text\"}\n", TestContext.Current.CancellationToken);
        var output = folder.Combine("run");

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("dpo", "--model", folder.Combine("model"), "--data", data, "--output", output, "--rpo-alpha", "-1");

        Assert.Equal(2, exitCode);
        Assert.Contains("--rpo-alpha", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("pretrain")]
    [InlineData("sft")]
    [InlineData("dpo")]
    public void Every_training_command_has_help_and_the_shared_options(string name)
    {
        var command = Assert.Single(VpoTrainCli.Build().Subcommands, c => c.Name == name);
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        foreach (var option in new[] { "--output", "--preset", "--lr", "--epochs", "--batch-size", "--schedule", "--warmup-ratio", "--resume", "--device" })
        {
            Assert.Contains(command.Options, o => o.Name == option);
        }
    }
}
