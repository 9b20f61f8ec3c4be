using Vpo.Training.Data;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// Logits for a batch of response examples, with the ids and response mask they line up with. Every SFT and DPO row
/// starts with the same chat header and the same published VPO instruction (about half of a row's tokens), so when
/// the model is a <see cref="LlamaForCausalLM"/> the rows' common first tokens are read once, as a batch of one, and
/// the rest of every row attends to that cached prefix. The losses are unchanged (no response token lies in the
/// prefix, and the prefix's own predictions are of prompt tokens, which carry no loss); only the work shrinks.
/// </summary>
public sealed class ResponseForward : IDisposable
{
    /// <summary>Shared prefixes shorter than this are read with the rest of each row: the saving would not pay for the extra pass.</summary>
    public const int MinimumSharedPrefix = 16;

    private ResponseForward(Tensor logits, ResponseBatch batch, int sharedPrefix)
    {
        Logits = logits;
        Batch = batch;
        SharedPrefix = sharedPrefix;
    }

    /// <summary>[batch, time, vocabulary] logits for <see cref="ResponseBatch.InputIds"/> of <see cref="Batch"/>.</summary>
    public Tensor Logits { get; }

    /// <summary>The ids and response mask the logits line up with: the rows without their first <see cref="SharedPrefix"/> tokens.</summary>
    public ResponseBatch Batch { get; }

    /// <summary>How many first tokens, common to every row, were read once for the whole batch (0 when none were).</summary>
    public int SharedPrefix { get; }

    /// <summary>Runs <paramref name="model"/> over <paramref name="examples"/>, reading their common prefix once when it can.</summary>
    /// <param name="model">The model; only a <see cref="LlamaForCausalLM"/> can share a prefix.</param>
    /// <param name="examples">The rows; at least one.</param>
    /// <param name="paddingId">Id that pads rows to the longest.</param>
    /// <param name="device">Where the ids go.</param>
    /// <param name="shareCommonPrefix">False reads every row whole (the plain computation the shared one must equal).</param>
    public static ResponseForward Run(
        nn.Module<Tensor, Tensor> model, IReadOnlyList<ResponseExample> examples, int paddingId, Device device, bool shareCommonPrefix = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        var llama = shareCommonPrefix && examples.Count > 1 ? model as LlamaForCausalLM : null;
        var prefix = llama is null ? 0 : SharedPrefixLength(examples);
        if (llama is null || prefix < MinimumSharedPrefix)
        {
            var whole = ResponseBatch.Collate(examples, paddingId, device);
            return new ResponseForward(model.forward(whole.InputIds), whole, 0);
        }

        var rest = ResponseBatch.Collate(examples, paddingId, device, prefix);
        using var scope = NewDisposeScope();
        using var cache = new KvCache(llama.Config);
        using (var prefixIds = tensor(examples[0].Ids.Take(prefix).Select(id => (long)id).ToArray(), [1, prefix], ScalarType.Int64, device))
        {
            // Only the keys and values the prefix leaves in the cache matter; its hidden states predict prompt tokens.
            llama.Model.Forward(prefixIds, cache).Dispose();
        }
        cache.ExpandBatch(examples.Count);
        var logits = llama.Forward(rest.InputIds, cache);
        return new ResponseForward(logits.MoveToOuterDisposeScope(), rest, prefix);
    }

    /// <summary>
    /// The number of first tokens all rows share, stopping before the earliest response so that every response token,
    /// and the token before it, stays in the part each row reads itself.
    /// </summary>
    public static int SharedPrefixLength(IReadOnlyList<ResponseExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            return 0;
        }
        var limit = examples.Min(e => e.ResponseStart) - 1;
        var first = examples[0].Ids;
        var length = 0;
        while (length < limit && examples.All(e => e.Ids[length] == first[length]))
        {
            length++;
        }
        return length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Logits.Dispose();
        Batch.Dispose();
    }
}
