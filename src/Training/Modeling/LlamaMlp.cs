using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>Llama's SwiGLU feed-forward block: <c>down_proj(silu(gate_proj(x)) * up_proj(x))</c>, no biases.</summary>
public sealed class LlamaMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear gate_proj;
    private readonly Linear up_proj;
    private readonly Linear down_proj;

    /// <summary>Creates the block for <paramref name="config"/>'s hidden and intermediate sizes.</summary>
    public LlamaMlp(LlamaConfig config, Device? device = null) : base(nameof(LlamaMlp))
    {
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false, device: device);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false, device: device);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: false, device: device);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var gated = nn.functional.silu(gate_proj.forward(input)) * up_proj.forward(input);
        return down_proj.forward(gated).MoveToOuterDisposeScope();
    }
}
