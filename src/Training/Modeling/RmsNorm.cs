using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Root-mean-square layer norm as Llama uses it: <c>x * rsqrt(mean(x^2) + eps) * weight</c>, with the statistics in
/// float32 even when the activations are half precision (fp16 squares overflow, bf16 means lose the small terms).
/// </summary>
public sealed class RmsNorm : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double eps;

    /// <summary>Creates the norm over the last dimension of size <paramref name="size"/>, its weight set to ones.</summary>
    public RmsNorm(long size, double eps, Device? device = null) : base(nameof(RmsNorm))
    {
        weight = new Parameter(ones(size, device: device));
        this.eps = eps;
        RegisterComponents();
    }

    /// <summary>The learned per-channel scale (<c>weight</c> in the checkpoint).</summary>
    public Parameter Weight => weight;

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.to(ScalarType.Float32);
        var meanSquare = x.pow(2).mean([-1L], keepdim: true);
        var normalized = (x * (meanSquare + eps).rsqrt()).to(input.dtype);
        return (weight * normalized).MoveToOuterDisposeScope();
    }
}
