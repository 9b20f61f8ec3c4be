using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Causal grouped-query self-attention: <c>num_attention_heads</c> query heads share <c>num_key_value_heads</c>
/// key/value heads (query head h reads key/value head <c>h / (heads / kv_heads)</c>, as Hugging Face's repeat_kv),
/// rotary positions on queries and keys, scores scaled by <c>1/sqrt(head_dim)</c>, no biases.
/// </summary>
public sealed class LlamaAttention : nn.Module<Tensor, RotaryAngles, KvCache?, Tensor>
{
    private readonly Linear q_proj;
    private readonly Linear k_proj;
    private readonly Linear v_proj;
    private readonly Linear o_proj;
    private readonly int layerIndex;
    private readonly int numHeads;
    private readonly int numKeyValueHeads;
    private readonly int headDim;

    /// <summary>Creates the attention of decoder layer <paramref name="layerIndex"/> (its slot in a <see cref="KvCache"/>).</summary>
    public LlamaAttention(LlamaConfig config, int layerIndex, Device? device = null) : base(nameof(LlamaAttention))
    {
        this.layerIndex = layerIndex;
        numHeads = config.NumAttentionHeads;
        numKeyValueHeads = config.NumKeyValueHeads;
        headDim = config.HeadDim;
        q_proj = nn.Linear(config.HiddenSize, numHeads * headDim, hasBias: false, device: device);
        k_proj = nn.Linear(config.HiddenSize, numKeyValueHeads * headDim, hasBias: false, device: device);
        v_proj = nn.Linear(config.HiddenSize, numKeyValueHeads * headDim, hasBias: false, device: device);
        o_proj = nn.Linear(numHeads * headDim, config.HiddenSize, hasBias: false, device: device);
        RegisterComponents();
    }

    /// <summary>
    /// Attends <paramref name="hiddenStates"/> (<c>[batch, seq, hidden]</c>) to themselves and, when
    /// <paramref name="cache"/> is given, to the positions cached before them (whose keys/values it then extends).
    /// <paramref name="angles"/> must cover positions <c>past .. past + seq - 1</c>.
    /// </summary>
    public override Tensor forward(Tensor hiddenStates, RotaryAngles angles, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var batch = hiddenStates.shape[0];
        var length = hiddenStates.shape[1];

        var queries = RotaryEmbedding.Apply(SplitHeads(q_proj.forward(hiddenStates), numHeads), angles);
        var keys = RotaryEmbedding.Apply(SplitHeads(k_proj.forward(hiddenStates), numKeyValueHeads), angles);
        var values = SplitHeads(v_proj.forward(hiddenStates), numKeyValueHeads);

        var past = 0L;
        if (cache is not null)
        {
            // Layer 0 appends first, so later layers see the already-grown length; the true past is the total minus new.
            (keys, values) = cache.Append(layerIndex, keys, values);
            past = keys.shape[2] - length;
        }

        keys = RepeatKeyValueHeads(keys);
        values = RepeatKeyValueHeads(values);

        Tensor attended;
        if (past == 0)
        {
            // TorchSharp spells the flag "is_casual", so it is passed by position.
            attended = nn.functional.scaled_dot_product_attention(queries, keys, values, null, 0.0, true);
        }
        else
        {
            // Query i sits at position past + i and may see keys 0 .. past + i; PyTorch's is_causal would align the
            // mask top-left instead, so the mask is explicit (true = may attend).
            var mask = ones(length, past + length, dtype: ScalarType.Bool, device: hiddenStates.device).tril(past);
            attended = nn.functional.scaled_dot_product_attention(queries, keys, values, mask);
        }

        var merged = attended.transpose(1, 2).reshape(batch, length, numHeads * headDim);
        return o_proj.forward(merged).MoveToOuterDisposeScope();
    }

    private Tensor SplitHeads(Tensor projected, int heads) =>
        projected.view(projected.shape[0], projected.shape[1], heads, headDim).transpose(1, 2);

    private Tensor RepeatKeyValueHeads(Tensor x)
    {
        var groups = numHeads / numKeyValueHeads;
        if (groups == 1)
        {
            return x;
        }
        var (batch, length) = (x.shape[0], x.shape[2]);
        return x.unsqueeze(2).expand(batch, numKeyValueHeads, groups, length, headDim).reshape(batch, numHeads, length, headDim);
    }
}
