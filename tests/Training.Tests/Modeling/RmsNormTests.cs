using TorchSharp;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class RmsNormTests
{
    [Fact]
    public void Normalizes_by_the_root_mean_square_and_scales_by_the_weight()
    {
        using var norm = new RmsNorm(4, 1e-5);
        using (no_grad())
        {
            norm.Weight.copy_(tensor(new float[] { 1, 2, 0.5f, -1 }));
        }
        using var x = tensor(new float[,] { { 1, 2, 3, 4 } });

        using var y = norm.forward(x);

        var rms = Math.Sqrt((1 + 4 + 9 + 16) / 4.0 + 1e-5);
        Assert.Equal([(float)(1 / rms), (float)(4 / rms), (float)(1.5 / rms), (float)(-4 / rms)], TinyLlama.Values(y));
    }

    [Fact]
    public void Half_precision_input_is_normalized_in_float32_so_its_squares_do_not_overflow()
    {
        using var norm = new RmsNorm(2, 1e-5);
        norm.to(ScalarType.Float16);
        // 300^2 + 400^2 overflows float16 (max 65504); computed in float16 the output would be zero.
        using var x = tensor(new float[,] { { 300, 400 } }).to(ScalarType.Float16);

        using var y = norm.forward(x);

        Assert.Equal(ScalarType.Float16, y.dtype);
        var values = TinyLlama.Values(y.to(ScalarType.Float32));
        var rms = Math.Sqrt((300.0 * 300 + 400.0 * 400) / 2);
        Assert.Equal(300 / rms, values[0], 2);
        Assert.Equal(400 / rms, values[1], 2);
    }
}
