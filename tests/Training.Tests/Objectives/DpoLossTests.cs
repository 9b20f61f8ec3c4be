using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Objectives;

public sealed class DpoLossTests
{
    [Fact]
    public void Loss_is_ln_2_when_policy_equals_reference()
    {
        using var chosen = tensor(new[] { -12.5f, -40f, -3f });
        using var rejected = tensor(new[] { -9f, -41f, -30f });
        var result = DpoLoss.Compute(chosen, rejected, chosen.clone(), rejected.clone(), beta: 0.1);
        using var loss = result.Loss;
        Assert.Equal(Math.Log(2), loss.item<float>(), 6);
        Assert.Equal(0, result.ChosenReward, 9);
        Assert.Equal(0, result.RejectedReward, 9);
        Assert.Equal(0, result.Margin, 9);
        Assert.Equal(0, result.RewardAccuracy);
    }

    [Fact]
    public void Loss_and_statistics_match_equation_2()
    {
        using var policyChosen = tensor(new[] { -1f, -5f });
        using var policyRejected = tensor(new[] { -3f, -4f });
        using var referenceChosen = tensor(new[] { -2f, -5f });
        using var referenceRejected = tensor(new[] { -2f, -6f });
        const double beta = 0.5;

        var result = DpoLoss.Compute(policyChosen, policyRejected, referenceChosen, referenceRejected, beta);
        using var loss = result.Loss;

        // Pair 1: rewards 0.5 and -0.5, logit 1. Pair 2: rewards 0 and 1, logit -1.
        var expected = (-Math.Log(1 / (1 + Math.Exp(-1))) - Math.Log(1 / (1 + Math.Exp(1)))) / 2;
        Assert.Equal(expected, loss.item<float>(), 5);
        Assert.Equal(0.5, result.RewardAccuracy);
        Assert.Equal(0.25, result.ChosenReward, 6);
        Assert.Equal(0.25, result.RejectedReward, 6);
        Assert.Equal(0.0, result.Margin, 6);
    }

    [Fact]
    public void Gradients_do_not_flow_into_the_reference()
    {
        using var policyChosen = tensor(new[] { -1f, -2f }).requires_grad_();
        using var policyRejected = tensor(new[] { -3f, -1f }).requires_grad_();
        using var referenceChosen = tensor(new[] { -1f, -2f }).requires_grad_();
        using var referenceRejected = tensor(new[] { -3f, -1f }).requires_grad_();
        var result = DpoLoss.Compute(policyChosen, policyRejected, referenceChosen, referenceRejected);
        using var loss = result.Loss;
        loss.backward();
        Assert.True(policyChosen.grad!.lt(0).all().item<bool>());
        Assert.Null(referenceChosen.grad);
        Assert.Null(referenceRejected.grad);
    }

    [Fact]
    public void Raising_the_chosen_log_probability_lowers_the_loss()
    {
        using var policyChosen = tensor(new[] { -4f }).requires_grad_();
        using var policyRejected = tensor(new[] { -4f }).requires_grad_();
        using var reference = tensor(new[] { -4f });
        var result = DpoLoss.Compute(policyChosen, policyRejected, reference, reference);
        using var loss = result.Loss;
        loss.backward();
        Assert.True(policyChosen.grad!.item<float>() < 0);
        Assert.True(policyRejected.grad!.item<float>() > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Beta_must_be_positive(double beta)
    {
        using var a = tensor(new[] { -1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => DpoLoss.Compute(a, a, a, a, beta));
    }

    [Fact]
    public void Mismatched_pair_counts_name_the_tensor()
    {
        using var two = tensor(new[] { -1f, -2f });
        using var three = tensor(new[] { -1f, -2f, -3f });
        var error = Assert.Throws<ArgumentException>(() => DpoLoss.Compute(two, two, three, two));
        Assert.Equal("referenceChosen", error.ParamName);
    }
}
