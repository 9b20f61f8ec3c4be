using Vpo.Training.Objectives;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Objectives;

public sealed class ResponseLogProbabilitiesTests
{
    [Fact]
    public void Sums_the_log_probabilities_of_each_rows_response_tokens()
    {
        manual_seed(11);
        using var logits = randn(2, 5, 6);
        var ids = new long[,] { { 1, 2, 3, 4, 5 }, { 5, 4, 3, 2, 0 } };
        using var idsTensor = tensor(new long[] { 1, 2, 3, 4, 5, 5, 4, 3, 2, 0 }, [2, 5]);
        using var mask = tensor(new[] { false, false, true, true, true, false, true, true, false, false }, [2, 5]);

        using var sums = ResponseLogProbabilities.Sum(logits, idsTensor, mask);

        using var logProbs = logits.log_softmax(-1);
        var row0 = logProbs[0, 1, ids[0, 2]].item<float>() + logProbs[0, 2, ids[0, 3]].item<float>() + logProbs[0, 3, ids[0, 4]].item<float>();
        var row1 = logProbs[1, 0, ids[1, 1]].item<float>() + logProbs[1, 1, ids[1, 2]].item<float>();
        Assert.Equal([2L], sums.shape);
        Assert.Equal(row0, sums[0].item<float>(), 4);
        Assert.Equal(row1, sums[1].item<float>(), 4);
    }
}
