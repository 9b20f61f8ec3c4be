using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// The Llama decoder stack without its LM head (<c>model.*</c> in a Hugging Face checkpoint): token embeddings,
/// <c>num_hidden_layers</c> decoder layers and a final RMSNorm. Returns the normalized hidden states.
/// </summary>
public sealed class LlamaModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding embed_tokens;
    private readonly ModuleList<LlamaDecoderLayer> layers;
    private readonly RmsNorm norm;
    private readonly RotaryEmbedding rotary_emb;

    /// <summary>Creates the stack for <paramref name="config"/> (which must already be valid).</summary>
    public LlamaModel(LlamaConfig config, Device? device = null) : base(nameof(LlamaModel))
    {
        embed_tokens = nn.Embedding(config.VocabSize, config.HiddenSize, device: device);
        layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(i => new LlamaDecoderLayer(config, i, device)).ToArray());
        norm = new RmsNorm(config.HiddenSize, config.RmsNormEps, device);
        rotary_emb = new RotaryEmbedding(config);
        RegisterComponents();
    }

    /// <summary>The token embedding (<c>model.embed_tokens</c>); a tied LM head multiplies by its weight.</summary>
    public Embedding EmbedTokens => embed_tokens;

    /// <inheritdoc />
    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    /// <summary>
    /// Hidden states <c>[batch, seq, hidden]</c> for <paramref name="inputIds"/> (int64 <c>[batch, seq]</c>), whose
    /// positions start at the cache's length (0 without a cache).
    /// </summary>
    public Tensor Forward(Tensor inputIds, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var past = cache?.Length ?? 0;
        var positions = arange(past, past + inputIds.shape[1], dtype: ScalarType.Int64, device: inputIds.device);
        var angles = rotary_emb.forward(positions);
        var hidden = embed_tokens.forward(inputIds);
        foreach (var layer in layers)
        {
            hidden = layer.forward(hidden, angles, cache);
        }
        return norm.forward(hidden).MoveToOuterDisposeScope();
    }
}
