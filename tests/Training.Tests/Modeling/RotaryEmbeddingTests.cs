using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class RotaryEmbeddingTests
{
    private static LlamaConfig Config(int headDim = 8, double theta = 10000) =>
        TinyLlama.Config() with { HiddenSize = headDim * 4, NumAttentionHeads = 4, RopeTheta = theta };

    [Fact]
    public void Frequencies_are_theta_to_the_minus_two_i_over_head_dim()
    {
        var frequencies = RotaryEmbedding.InverseFrequencies(Config(headDim: 8, theta: 10000));

        Assert.Equal([1f, 0.1f, 0.01f, 0.001f], frequencies.Select(f => MathF.Round(f, 6)));
    }

    [Fact]
    public void Rotation_pairs_each_dimension_with_the_one_half_a_head_away()
    {
        var config = Config(headDim: 4, theta: 100);
        using var rotary = new RotaryEmbedding(config);
        using var angles = new DisposableAngles(rotary.forward(tensor(new long[] { 3 })));
        // One head holding the unit vector e0: rotate_half moves it to dimension d/2 = 2, not to dimension 1
        // as the interleaved (GPT-J) convention would.
        using var x = tensor(new float[] { 1, 0, 0, 0 }).reshape(1, 1, 1, 4);

        using var rotated = RotaryEmbedding.Apply(x, angles.Value);

        var values = TinyLlama.Values(rotated);
        Assert.Equal(MathF.Cos(3), values[0], 5);
        Assert.Equal(0f, values[1], 5);
        Assert.Equal(MathF.Sin(3), values[2], 5);
        Assert.Equal(0f, values[3], 5);
    }

    [Fact]
    public void Position_zero_leaves_vectors_unchanged()
    {
        using var rotary = new RotaryEmbedding(Config());
        using var angles = new DisposableAngles(rotary.forward(tensor(new long[] { 0 })));
        using var x = randn(1, 2, 1, 8);

        using var rotated = RotaryEmbedding.Apply(x, angles.Value);

        Assert.True(TinyLlama.MaxAbsDifference(x, rotated) < 1e-6);
    }

    [Fact]
    public void Query_key_scores_depend_only_on_the_distance_between_positions()
    {
        using var rotary = new RotaryEmbedding(Config());
        using var q = randn(1, 1, 1, 8);
        using var k = randn(1, 1, 1, 8);

        float Score(long queryPosition, long keyPosition)
        {
            using var scope = NewDisposeScope();
            var qa = rotary.forward(tensor(new[] { queryPosition }));
            var ka = rotary.forward(tensor(new[] { keyPosition }));
            return (RotaryEmbedding.Apply(q, qa) * RotaryEmbedding.Apply(k, ka)).sum().item<float>();
        }

        Assert.Equal(Score(5, 2), Score(13, 10), 4);
        Assert.Equal(Score(0, 0), Score(40, 40), 4);
        Assert.NotEqual(Score(5, 2), Score(5, 4), 3);
    }

    [Fact]
    public void Llama3_scaling_slows_low_frequencies_and_keeps_high_ones()
    {
        var plain = Config(headDim: 64, theta: 500000);
        var scaled = plain with { RopeScaling = new RopeScaling { RopeType = "llama3", Factor = 8, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 8192 } };

        var before = RotaryEmbedding.InverseFrequencies(plain);
        var after = RotaryEmbedding.InverseFrequencies(scaled);

        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[^1] / 8, after[^1], 9);
        var mid = Array.FindIndex(before, f => 2 * Math.PI / f is > 2048 and < 8192);
        Assert.InRange(after[mid], before[mid] / 8, before[mid]);
    }

    private sealed class DisposableAngles(RotaryAngles value) : IDisposable
    {
        public RotaryAngles Value { get; } = value;

        public void Dispose()
        {
            Value.Cos.Dispose();
            Value.Sin.Dispose();
        }
    }
}
