using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Objectives;

public sealed class CausalLmLossTests
{
    [Fact]
    public void Uniform_logits_cost_the_log_of_the_vocabulary()
    {
        using var logits = zeros(2, 5, 11);
        using var ids = randint(0, 11, [2, 5]);
        using var loss = CausalLmLoss.Compute(logits, ids);
        Assert.Equal(Math.Log(11), loss.item<float>(), 5);
    }

    [Fact]
    public void Each_position_is_scored_against_the_next_token()
    {
        // Logits at t strongly predict token t + 1, so the shifted loss is near zero; unshifted it would be large.
        var ids = new long[] { 3, 1, 4, 1, 5 };
        using var idsTensor = tensor(ids, [1, 5]);
        using var logits = full(1, 5, 8, -20f);
        for (var t = 0; t < 4; t++)
        {
            logits[0, t, ids[t + 1]] = tensor(20f);
        }

        using var loss = CausalLmLoss.Compute(logits, idsTensor);
        Assert.True(loss.item<float>() < 1e-6);
    }

    [Fact]
    public void Padding_targets_are_skipped_when_an_attention_mask_is_given()
    {
        manual_seed(1);
        using var logits = randn(1, 6, 9);
        using var ids = tensor(new long[] { 1, 2, 3, 0, 0, 0 }, [1, 6]);
        using var otherPadding = tensor(new long[] { 1, 2, 3, 7, 8, 5 }, [1, 6]);
        using var mask = tensor(new[] { true, true, true, false, false, false }, [1, 6]);
        using var a = CausalLmLoss.Compute(logits, ids, mask);
        using var b = CausalLmLoss.Compute(logits, otherPadding, mask);
        Assert.Equal(a.item<float>(), b.item<float>());
    }

    [Fact]
    public void Mismatched_shapes_name_the_tensor()
    {
        using var logits = zeros(2, 5, 11);
        using var ids = zeros(2, 4, dtype: ScalarType.Int64);
        var error = Assert.Throws<ArgumentException>(() => CausalLmLoss.Compute(logits, ids));
        Assert.Equal("inputIds", error.ParamName);
        Assert.Contains("[2, 5]", error.Message);
    }
}
