using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using Vpo.Training.Objectives;
using Vpo.Training.Tests.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Loops;

public sealed class ResponseForwardTests
{
    private const int PaddingId = 0;

    // Three rows as the trainers see them: the same 24-token instruction, then queries and responses of different lengths.
    private static IReadOnlyList<ResponseExample> Rows()
    {
        var random = new Random(7);
        int[] Tokens(int count) => Enumerable.Range(0, count).Select(_ => random.Next(3, 96)).ToArray();
        var instruction = Tokens(24);
        return
        [
            new ResponseExample([.. instruction, .. Tokens(5), .. Tokens(12)], 29),
            new ResponseExample([.. instruction, .. Tokens(9), .. Tokens(6)], 33),
            new ResponseExample([.. instruction, .. Tokens(2), .. Tokens(20)], 26),
        ];
    }

    [Fact]
    public void Shared_prefix_sft_loss_and_gradients_equal_reading_every_row_whole()
    {
        using var model = TinyLlama.Model();
        var rows = Rows();

        var (wholeLoss, wholeGradients) = LossAndGradients(model, new SftObjective(PaddingId, shareCommonPrefix: false), rows);
        var (sharedLoss, sharedGradients) = LossAndGradients(model, new SftObjective(PaddingId), rows);

        Assert.Equal(wholeLoss, sharedLoss, 5);
        Assert.Equal(wholeGradients.Count, sharedGradients.Count);
        for (var i = 0; i < wholeGradients.Count; i++)
        {
            var scale = wholeGradients[i].Max(Math.Abs) + 1e-6f;
            var worst = wholeGradients[i].Zip(sharedGradients[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(worst <= 1e-4f * scale + 1e-6f, $"parameter {i}: gradients differ by {worst} (largest {scale})");
        }
    }

    [Fact]
    public void Shared_prefix_dpo_log_probabilities_equal_reading_every_row_whole()
    {
        using var model = TinyLlama.Model(TinyLlama.Config(tied: true));
        var rows = Rows();
        var pairs = new[] { new PreferenceExample(rows[0], rows[1]), new PreferenceExample(rows[2], rows[0]) };
        using var scope = NewDisposeScope();

        var (wholeChosen, wholeRejected) = DpoObjective.PolicyLogProbabilities(model, pairs, PaddingId, CPU, out var wholeTokens, shareCommonPrefix: false);
        var (sharedChosen, sharedRejected) = DpoObjective.PolicyLogProbabilities(model, pairs, PaddingId, CPU, out var sharedTokens);

        Assert.True(TinyLlama.MaxAbsDifference(wholeChosen, sharedChosen) < 1e-3f);
        Assert.True(TinyLlama.MaxAbsDifference(wholeRejected, sharedRejected) < 1e-3f);
        Assert.Equal(wholeTokens, sharedTokens);
    }

    [Fact]
    public void Rows_sharing_an_instruction_are_read_from_the_first_token_that_differs()
    {
        using var model = TinyLlama.Model();
        var rows = Rows();

        using var forward = ResponseForward.Run(model, rows, PaddingId, CPU);

        Assert.Equal(24, forward.SharedPrefix);
        Assert.Equal([3L, rows.Max(r => r.Ids.Length) - 24, 96L], forward.Logits.shape);
        Assert.Equal(rows.Sum(r => r.ResponseLength), forward.Batch.ResponseMask.sum().item<long>());
        Assert.Equal(rows.Sum(r => (long)r.Ids.Length), forward.Batch.Tokens);
    }

    [Fact]
    public void The_shared_prefix_stops_before_the_token_that_predicts_the_first_response_token()
    {
        // Identical rows share everything, but the last prompt token must stay: its logits predict the response.
        var row = new ResponseExample(Enumerable.Range(3, 30).ToArray(), 20);

        Assert.Equal(19, ResponseForward.SharedPrefixLength([row, row]));
    }

    [Fact]
    public void Rows_with_a_short_common_start_are_read_whole()
    {
        using var model = TinyLlama.Model();
        var rows = new[]
        {
            new ResponseExample([5, 6, 7, 8, 9, 10, 11, 12], 4),
            new ResponseExample([5, 6, 9, 9, 9, 10, 11], 5),
        };

        using var forward = ResponseForward.Run(model, rows, PaddingId, CPU);

        Assert.Equal(2, ResponseForward.SharedPrefixLength(rows));
        Assert.Equal(0, forward.SharedPrefix);
        Assert.Equal([2L, 8L, 96L], forward.Logits.shape);
    }

    private static (double Loss, List<float[]> Gradients) LossAndGradients(
        LlamaForCausalLM model, ITrainingObjective<ResponseExample> objective, IReadOnlyList<ResponseExample> rows)
    {
        model.zero_grad();
        using var scope = NewDisposeScope();
        var output = objective.Compute(model, rows, CPU);
        output.Loss.backward();
        var gradients = model.parameters().Select(p => TinyLlama.Values(p.grad!)).ToList();
        return (output.Loss.item<float>(), gradients);
    }
}
