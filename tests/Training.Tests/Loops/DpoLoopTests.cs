using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Loops;

public sealed class DpoLoopTests
{
    [Fact]
    public async Task The_first_loss_is_ln_2_because_the_policy_starts_as_the_reference()
    {
        using var folder = new TemporaryDirectory();
        using var policy = TrainingFixtures.Model(seed: 3);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 1e-3, batchSize: 8, microBatchSize: 3) with { StopAfterSteps = 1 };

        var result = await new DpoLoop(policy, options, beta: 0.1).RunAsync(TrainingFixtures.PreferenceExamples(16), [], cancellationToken: TestContext.Current.CancellationToken);

        var first = Assert.Single(result.Steps);
        Assert.Equal(Math.Log(2), first.Loss, 5);
        Assert.Equal(0, first.Metrics["margin"], 4);
        Assert.Equal(["reward_accuracy", "chosen_reward", "rejected_reward", "margin", "chosen_nll"], first.Metrics.Keys);
    }

    [Fact]
    public async Task With_rpo_alpha_the_first_loss_adds_alpha_times_the_chosen_prompts_per_token_nll()
    {
        using var folder = new TemporaryDirectory();
        using var policy = TrainingFixtures.Model(seed: 3);
        var pairs = TrainingFixtures.PreferenceExamples(6);
        var expectedNll = ChosenNll(policy, pairs);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 1e-3, batchSize: 6, microBatchSize: 6) with { StopAfterSteps = 1 };

        var result = await new DpoLoop(policy, options, beta: 0.1, rpoAlpha: 0.5).RunAsync(pairs, [], cancellationToken: TestContext.Current.CancellationToken);

        var first = Assert.Single(result.Steps);
        Assert.Equal(expectedNll, first.Metrics["chosen_nll"], 4);
        Assert.Equal(Math.Log(2) + 0.5 * expectedNll, first.Loss, 4);
    }

    [Fact]
    public async Task Rpo_keeps_the_chosen_prompts_more_likely_than_plain_dpo_does()
    {
        var pairs = TrainingFixtures.PreferenceExamples(16);
        var plain = await ChosenNllAfterTraining(pairs, rpoAlpha: 0);
        var rpo = await ChosenNllAfterTraining(pairs, rpoAlpha: 1);

        Assert.True(rpo < plain - 0.05, $"chosen NLL after RPO {rpo:F4}, after plain DPO {plain:F4}");
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_rpo_alpha_is_refused(double rpoAlpha)
    {
        using var folder = new TemporaryDirectory();
        using var policy = TrainingFixtures.Model(seed: 3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DpoLoop(policy, TrainingFixtures.Options(folder.Path), beta: 0.1, rpoAlpha: rpoAlpha));

        Assert.Equal("rpoAlpha", error.ParamName);
    }

    [Fact]
    public async Task Dpo_grows_the_chosen_minus_rejected_margin_for_at_least_90_percent_of_pairs()
    {
        using var folder = new TemporaryDirectory();
        using var policy = TrainingFixtures.Model(seed: 4);
        var pairs = TrainingFixtures.PreferenceExamples(16);
        var before = Margins(policy, pairs);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 1e-3, epochs: 8, batchSize: 4, microBatchSize: 4);

        var result = await new DpoLoop(policy, options, beta: 0.1).RunAsync(pairs, [], cancellationToken: TestContext.Current.CancellationToken);

        var after = Margins(policy, pairs);
        var grown = before.Zip(after).Count(m => m.Second > m.First);
        Assert.True(grown >= 0.9 * pairs.Count, $"the margin grew for {grown} of {pairs.Count} pairs");
        Assert.True(result.Steps[^1].Loss < Math.Log(2));
        Assert.True(result.Steps[^1].Metrics["reward_accuracy"] > 0.5);
    }

    private static async Task<double> ChosenNllAfterTraining(IReadOnlyList<PreferenceExample> pairs, double rpoAlpha)
    {
        using var folder = new TemporaryDirectory();
        using var policy = TrainingFixtures.Model(seed: 4);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 1e-3, epochs: 4, batchSize: 4, microBatchSize: 4);
        await new DpoLoop(policy, options, beta: 0.1, rpoAlpha: rpoAlpha).RunAsync(pairs, [], cancellationToken: TestContext.Current.CancellationToken);
        return ChosenNll(policy, pairs);
    }

    // Per-token NLL of the chosen prompts, from their summed log-probabilities and their lengths.
    private static double ChosenNll(nn.Module<Tensor, Tensor> model, IReadOnlyList<PreferenceExample> pairs)
    {
        using var noGrad = no_grad();
        model.eval();
        var (chosen, rejected) = DpoObjective.PolicyLogProbabilities(model, pairs, WordChatEncoder.EndOfText, CPU, out _);
        using (chosen)
        using (rejected)
        {
            return -chosen.to_type(ScalarType.Float64).sum().item<double>() / pairs.Sum(p => p.Chosen.ResponseLength);
        }
    }

    private static double[] Margins(nn.Module<Tensor, Tensor> model, IReadOnlyList<PreferenceExample> pairs)
    {
        using var noGrad = no_grad();
        model.eval();
        var (chosen, rejected) = DpoObjective.PolicyLogProbabilities(model, pairs, WordChatEncoder.EndOfText, CPU, out _);
        using (chosen)
        using (rejected)
        using (var margin = chosen - rejected)
        {
            return margin.to_type(ScalarType.Float64).data<double>().ToArray();
        }
    }
}
