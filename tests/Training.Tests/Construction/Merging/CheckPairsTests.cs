using System.CommandLine;
using Vpo.Training.Cli;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Data;

namespace Vpo.Training.Tests.Construction.Merging;

public sealed class CheckPairsTests
{
    private const string Query = "a red fox running through fresh snow at dawn";

    private const string Good =
        "A red fox runs through fresh snow at dawn, its rust-colored coat bright against the white field. Soft golden light " +
        "rises over a line of pine trees on the horizon, and each bound throws up a small spray of powder that glitters in " +
        "the low sun. The camera tracks beside the fox at its eye level, keeping its black-tipped ears and bushy tail in " +
        "sharp focus while the frosted meadow blurs gently behind it. Its breath forms faint clouds in the cold air as it " +
        "slows, lifts its head toward the brightening sky, and trots on across the quiet landscape.";

    [Fact]
    public void The_principle_checks_pair_a_passing_sample_over_a_failing_one()
    {
        var check = new PrincipleSampleCheck();
        SampleSet[] samples = [new(QueryKey.Of(Query), Query, ["The video opens with a cat sleeping on a sofa.", Good, "A dog."])];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, check);

        Assert.Null(check.Fail(Query, Good));
        var pair = Assert.Single(pairs);
        Assert.Equal((Good, "The video opens with a cat sleeping on a sofa."), (pair.Chosen, pair.Rejected));
        Assert.StartsWith("checks:", pair.Feedback, StringComparison.Ordinal);
        Assert.Equal(new ChecksPairCounts(1, 1, 0, 0), counts);
    }

    [Fact]
    public async Task Check_pairs_command_writes_pairs_the_dpo_reader_accepts()
    {
        using var folder = new TestFolder();
        var samples = folder.File("samples.jsonl");
        await FinalFile.WriteJsonlAsync(samples,
        [
            new SampleSet(QueryKey.Of(Query), Query, ["The video opens with a cat sleeping on a sofa.", Good, Good, "A dog."]),
            new SampleSet(QueryKey.Of("a dog"), "a dog", ["A dog.", "A cat."]),
        ], TestContext.Current.CancellationToken);
        var output = new StringWriter();

        var exitCode = await VpoTrainCli.Build().Parse(["data", "check-pairs", "--samples", samples, "--output", folder.File("pairs.jsonl")])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() }, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        var pair = Assert.Single(await PreferenceDataReader.ReadAsync(folder.File("pairs.jsonl"), TestContext.Current.CancellationToken));
        Assert.Equal((Query, Good, PreferenceSource.Text), (pair.Query, pair.Chosen, pair.Source));
        Assert.Contains("1 with every sample failing", output.ToString(), StringComparison.Ordinal);
    }
}
