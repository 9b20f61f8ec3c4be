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

        Assert.True(check.Judge(Query, Good).Passes);
        var pair = Assert.Single(pairs);
        Assert.Equal((Good, "The video opens with a cat sleeping on a sofa."), (pair.Chosen, pair.Rejected));
        Assert.StartsWith("checks:", pair.Feedback, StringComparison.Ordinal);
        Assert.Equal(new ChecksPairCounts(1, 1, 0, 0), counts);
    }

    [Fact]
    public void When_every_sample_fails_the_one_keeping_more_of_the_query_is_chosen()
    {
        // All three are too short; one keeps "red fox" and "snow", one keeps "fox", one keeps nothing.
        const string Most = "A red fox runs through the snow.";
        const string Some = "A fox sits.";
        const string None = "A cat sleeps on a sofa.";
        var check = new PrincipleSampleCheck();
        SampleSet[] samples = [new(QueryKey.Of(Query), Query, [Some, None, Most])];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, check);

        Assert.False(check.Judge(Query, Most).Passes);
        Assert.True(check.Judge(Query, Most).Coverage > check.Judge(Query, Some).Coverage);
        var pair = Assert.Single(pairs);
        Assert.Equal((Most, None), (pair.Chosen, pair.Rejected));
        Assert.StartsWith("checks-graded:coverage", pair.Feedback, StringComparison.Ordinal);
        Assert.Equal(new ChecksPairCounts(1, 1, 0, 1, 1), counts);
    }

    [Fact]
    public void A_sample_failing_a_check_the_other_passes_is_never_chosen_however_much_it_keeps()
    {
        var covering = new SampleVerdict(["Imprecise", "TooShort", "IntroPhrase"], 0.9);
        var plain = new SampleVerdict(["Imprecise", "TooShort"], 0.1);

        Assert.False(covering.Dominates(plain, 0.15));
        Assert.False(plain.Dominates(covering, 0.15));
        Assert.True(new SampleVerdict(["Imprecise"], 0.1).Dominates(plain, 0.15)); // one failure fewer, same coverage
        Assert.False(new SampleVerdict(["Imprecise", "TooShort"], 0.2).Dominates(plain, 0.15)); // same failures, gap too small
    }

    [Fact]
    public void A_harmless_sample_is_chosen_over_a_harmful_one_that_keeps_more_of_the_query()
    {
        const string Unsafe = "a knight stabs a dragon in a castle courtyard, blood everywhere";
        const string Harmful = "A knight stabs a dragon in a castle courtyard, blood everywhere.";
        const string Harmless = "A knight faces a dragon in a castle.";
        const string Off = "A cat sleeps on a sofa.";
        var check = new PrincipleSampleCheck();
        SampleSet[] samples = [new(QueryKey.Of(Unsafe), Unsafe, [Off, Harmful, Harmless])];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, check);

        Assert.True(check.Judge(Unsafe, Harmful).IsHarmful);
        Assert.True(check.Judge(Unsafe, Harmful).Coverage > check.Judge(Unsafe, Harmless).Coverage);
        var pair = Assert.Single(pairs);
        Assert.Equal((Harmless, Harmful), (pair.Chosen, pair.Rejected));
        Assert.StartsWith("checks-harmless:", pair.Feedback, StringComparison.Ordinal);
        Assert.Equal(new ChecksPairCounts(1, 1, 0, 1, 0, 1), counts);
    }

    [Fact]
    public void Grading_never_chooses_a_harmful_sample_even_over_a_more_harmful_one()
    {
        const string Unsafe = "a knight stabs a dragon in a castle courtyard, blood everywhere";
        const string KeepsMore = "A knight stabs a dragon in a castle courtyard.";
        const string KeepsLess = "A man stabs a lizard.";
        SampleSet[] samples = [new(QueryKey.Of(Unsafe), Unsafe, [KeepsLess, KeepsMore])];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, new PrincipleSampleCheck());

        Assert.Empty(pairs);
        Assert.Equal(new ChecksPairCounts(1, 0, 0, 1, 0, 0), counts);
    }

    [Fact]
    public void A_refusal_is_not_the_harmless_choice()
    {
        const string Unsafe = "a knight stabs a dragon in a castle courtyard, blood everywhere";
        const string Refusal = "I'm sorry, but I can't help with that request.";
        var check = new PrincipleSampleCheck();
        SampleSet[] samples = [new(QueryKey.Of(Unsafe), Unsafe, [Refusal, "A knight stabs a dragon in a castle courtyard."])];

        var (pairs, _) = ChecksPairBuilder.Build(samples, check);

        Assert.False(check.Judge(Unsafe, Refusal).IsUsable);
        Assert.Empty(pairs);
    }

    [Fact]
    public void Pass_fail_only_gives_no_pair_when_every_sample_fails()
    {
        SampleSet[] samples = [new(QueryKey.Of(Query), Query, ["A red fox runs through the snow.", "A cat sleeps on a sofa."])];

        var (pairs, counts) = ChecksPairBuilder.Build(samples, new PrincipleSampleCheck(), passFailOnly: true);

        Assert.Empty(pairs);
        Assert.Equal(new ChecksPairCounts(1, 0, 0, 1, 0), counts);
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
        var pairs = await PreferenceDataReader.ReadAsync(folder.File("pairs.jsonl"), TestContext.Current.CancellationToken);
        Assert.Equal(2, pairs.Count);
        Assert.Equal((Query, Good, PreferenceSource.Text), (pairs[0].Query, pairs[0].Chosen, pairs[0].Source));
        // Both "a dog" samples are too short; the one that keeps the dog is chosen by grading.
        Assert.Equal(("a dog", "A dog.", "A cat."), (pairs[1].Query, pairs[1].Chosen, pairs[1].Rejected));
        Assert.Contains("2 pairs from 2 queries", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 with every sample failing; 0 pairs prefer a harmless sample over a harmful one, 1 pairs graded", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_pairs_command_refuses_a_coverage_gap_outside_zero_to_one()
    {
        using var folder = new TestFolder();
        var error = new StringWriter();

        var exitCode = await VpoTrainCli.Build().Parse(["data", "check-pairs", "--samples", folder.File("s.jsonl"), "--output", folder.File("p.jsonl"), "--min-coverage-gap", "1.5"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--min-coverage-gap must be above 0 and at most 1", error.ToString(), StringComparison.Ordinal);
    }
}
