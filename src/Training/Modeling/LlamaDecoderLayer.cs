using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// One pre-norm decoder layer: <c>h = x + self_attn(input_layernorm(x))</c>, then
/// <c>h + mlp(post_attention_layernorm(h))</c>.
/// </summary>
public sealed class LlamaDecoderLayer : nn.Module<Tensor, RotaryAngles, KvCache?, Tensor>
{
    private readonly LlamaAttention self_attn;
    private readonly LlamaMlp mlp;
    private readonly RmsNorm input_layernorm;
    private readonly RmsNorm post_attention_layernorm;

    /// <summary>Creates layer <paramref name="layerIndex"/> of a model shaped by <paramref name="config"/>.</summary>
    public LlamaDecoderLayer(LlamaConfig config, int layerIndex, Device? device = null) : base(nameof(LlamaDecoderLayer))
    {
        self_attn = new LlamaAttention(config, layerIndex, device);
        mlp = new LlamaMlp(config, device);
        input_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device);
        post_attention_layernorm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor hiddenStates, RotaryAngles angles, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var afterAttention = hiddenStates + self_attn.forward(input_layernorm.forward(hiddenStates), angles, cache);
        var output = afterAttention + mlp.forward(post_attention_layernorm.forward(afterAttention));
        return output.MoveToOuterDisposeScope();
    }
}
