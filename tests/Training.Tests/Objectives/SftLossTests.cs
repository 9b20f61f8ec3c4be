using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Objectives;

public sealed class SftLossTests
{
    // Positions 0-3 are instruction and query, 4-7 the response (its last token the end-of-turn).
    private static readonly bool[] ResponseMask = [false, false, false, false, true, true, true, true];

    [Fact]
    public void Loss_is_the_mean_negative_log_likelihood_of_the_response_tokens()
    {
        manual_seed(7);
        using var logits = randn(1, 8, 13);
        var ids = new long[] { 1, 9, 4, 2, 6, 12, 3, 5 };
        using var idsTensor = tensor(ids, [1, 8]);
        using var mask = tensor(ResponseMask, [1, 8]);

        using var loss = SftLoss.Compute(logits, idsTensor, mask);

        using var logProbs = logits.log_softmax(-1);
        var expected = 0.0;
        for (var t = 4; t < 8; t++)
        {
            expected -= logProbs[0, t - 1, ids[t]].item<float>();
        }

        Assert.Equal(expected / 4, loss.item<float>(), 5);
    }

    [Fact]
    public void Changing_instruction_or_query_labels_leaves_the_loss_unchanged()
    {
        manual_seed(3);
        using var logits = randn(1, 8, 13);
        using var mask = tensor(ResponseMask, [1, 8]);
        using var ids = tensor(new long[] { 1, 9, 4, 2, 6, 12, 3, 5 }, [1, 8]);
        using var otherPrompt = tensor(new long[] { 11, 0, 7, 8, 6, 12, 3, 5 }, [1, 8]);

        using var a = SftLoss.Compute(logits, ids, mask);
        using var b = SftLoss.Compute(logits, otherPrompt, mask);
        Assert.Equal(a.item<float>(), b.item<float>());
    }

    [Fact]
    public void Changing_a_response_token_changes_the_loss()
    {
        manual_seed(3);
        using var logits = randn(1, 8, 13);
        using var mask = tensor(ResponseMask, [1, 8]);
        using var ids = tensor(new long[] { 1, 9, 4, 2, 6, 12, 3, 5 }, [1, 8]);
        using var otherResponse = tensor(new long[] { 1, 9, 4, 2, 6, 10, 3, 5 }, [1, 8]);

        using var a = SftLoss.Compute(logits, ids, mask);
        using var b = SftLoss.Compute(logits, otherResponse, mask);
        Assert.NotEqual(a.item<float>(), b.item<float>(), 4);
    }

    [Fact]
    public void Tokens_are_averaged_over_the_whole_batch_not_per_row()
    {
        manual_seed(5);
        using var logits = randn(2, 6, 7);
        using var ids = randint(0, 7, [2, 6]);
        using var mask = tensor(new[] { false, false, true, true, true, true, false, false, false, false, false, true }, [2, 6]);
        using var loss = SftLoss.Compute(logits, ids, mask);

        using var tokenLoss = nn.functional.cross_entropy(logits[.., ..^1, ..].reshape(-1, 7), ids[.., 1..].reshape(-1), reduction: nn.Reduction.None);
        var values = tokenLoss.data<float>().ToArray();
        var expected = (values[1] + values[2] + values[3] + values[4] + values[9]) / 5;
        Assert.Equal(expected, loss.item<float>(), 5);
    }

    [Fact]
    public void A_mask_without_response_tokens_is_rejected()
    {
        using var logits = zeros(1, 4, 5);
        using var ids = zeros(1, 4, dtype: ScalarType.Int64);
        using var mask = zeros(1, 4, dtype: ScalarType.Bool);
        var error = Assert.Throws<ArgumentException>(() => SftLoss.Compute(logits, ids, mask));
        Assert.Contains("no target token", error.Message);
    }

    [Fact]
    public void Gradients_reach_only_the_logits_that_predict_response_tokens()
    {
        manual_seed(2);
        using var logits = randn(1, 8, 13).requires_grad_();
        using var ids = tensor(new long[] { 1, 9, 4, 2, 6, 12, 3, 5 }, [1, 8]);
        using var mask = tensor(ResponseMask, [1, 8]);
        using var loss = SftLoss.Compute(logits, ids, mask);
        loss.backward();
        using var perPosition = logits.grad!.abs().sum(-1).squeeze(0);
        var norms = perPosition.data<float>().ToArray();
        Assert.All(norms[..3], n => Assert.Equal(0f, n));
        Assert.All(norms[3..7], n => Assert.True(n > 0));
        Assert.Equal(0f, norms[7]);
    }
}
