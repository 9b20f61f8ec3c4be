using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Rotary position embeddings in Hugging Face Llama's convention: <c>inv_freq[i] = 1 / theta^(2i/d)</c> (rescaled
/// for <c>rope_type = "llama3"</c>), the angles <c>position * inv_freq</c> concatenated twice along the head, and
/// <c>q' = q * cos + rotate_half(q) * sin</c> where <c>rotate_half([a, b]) = [-b, a]</c>. It has no parameters, so
/// nothing of it appears in a checkpoint.
/// </summary>
public sealed class RotaryEmbedding : nn.Module<Tensor, RotaryAngles>
{
    // A managed array rather than a tensor field: a tensor field would be registered as a buffer and show up in
    // state_dict(), which must hold exactly the Hugging Face checkpoint keys.
    private readonly float[] inverseFrequencies;

    /// <summary>Creates the embedding for heads of <see cref="LlamaConfig.HeadDim"/> with the config's theta and scaling.</summary>
    public RotaryEmbedding(LlamaConfig config) : base(nameof(RotaryEmbedding))
    {
        inverseFrequencies = InverseFrequencies(config);
        RegisterComponents();
    }

    /// <summary>
    /// The <c>head_dim / 2</c> rotary frequencies for <paramref name="config"/>. Exporters build their cos/sin tables
    /// from this so that ONNX and TorchSharp rotate by the same angles.
    /// </summary>
    public static float[] InverseFrequencies(LlamaConfig config)
    {
        var dim = config.HeadDim;
        var frequencies = new double[dim / 2];
        for (var i = 0; i < frequencies.Length; i++)
        {
            frequencies[i] = 1.0 / Math.Pow(config.RopeTheta, 2.0 * i / dim);
        }
        if (config.RopeScaling is { EffectiveType: "llama3" } scaling)
        {
            ApplyLlama3Scaling(frequencies, scaling);
        }
        return Array.ConvertAll(frequencies, f => (float)f);
    }

    /// <summary>The angles for <paramref name="positions"/> (int64 <c>[seq]</c>), on the positions' device.</summary>
    public override RotaryAngles forward(Tensor positions)
    {
        using var scope = NewDisposeScope();
        var frequencies = tensor(inverseFrequencies, device: positions.device);
        var angles = positions.to(ScalarType.Float32).unsqueeze(-1) * frequencies;
        var doubled = cat([angles, angles], -1);
        return new RotaryAngles(doubled.cos().MoveToOuterDisposeScope(), doubled.sin().MoveToOuterDisposeScope());
    }

    /// <summary>Rotates <paramref name="x"/> (<c>[batch, heads, seq, head_dim]</c>) by <paramref name="angles"/>.</summary>
    public static Tensor Apply(Tensor x, RotaryAngles angles)
    {
        using var scope = NewDisposeScope();
        var half = x.shape[^1] / 2;
        var first = x.narrow(-1, 0, half);
        var second = x.narrow(-1, half, half);
        var rotated = cat([second.neg(), first], -1);
        var rotatedX = x * angles.Cos.to(x.dtype) + rotated * angles.Sin.to(x.dtype);
        return rotatedX.MoveToOuterDisposeScope();
    }

    // Llama 3.1's long-context rescaling: long wavelengths are slowed by `factor`, short ones kept, and the band
    // between them interpolated smoothly (transformers' _compute_llama3_parameters).
    private static void ApplyLlama3Scaling(double[] frequencies, RopeScaling scaling)
    {
        var lowFreqWavelength = scaling.OriginalMaxPositionEmbeddings / scaling.LowFreqFactor;
        var highFreqWavelength = scaling.OriginalMaxPositionEmbeddings / scaling.HighFreqFactor;
        for (var i = 0; i < frequencies.Length; i++)
        {
            var wavelength = 2 * Math.PI / frequencies[i];
            if (wavelength > lowFreqWavelength)
            {
                frequencies[i] /= scaling.Factor;
            }
            else if (wavelength >= highFreqWavelength)
            {
                var smooth = (scaling.OriginalMaxPositionEmbeddings / wavelength - scaling.LowFreqFactor)
                    / (scaling.HighFreqFactor - scaling.LowFreqFactor);
                frequencies[i] = (1 - smooth) * frequencies[i] / scaling.Factor + smooth * frequencies[i];
            }
        }
    }
}
