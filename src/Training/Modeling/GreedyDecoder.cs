using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Greedy (argmax) decoding with a <see cref="KvCache"/>: the prompt is run once, then one token per step. It is
/// the reference other runtimes (ONNX Runtime GenAI) are checked against, so it does nothing clever.
/// </summary>
public static class GreedyDecoder
{
    /// <summary>
    /// Generates up to <paramref name="maxNewTokens"/> tokens after <paramref name="promptIds"/> and returns only the
    /// new ones. Generation stops after the first token in <paramref name="stopIds"/>, which is included.
    /// </summary>
    public static IReadOnlyList<int> Generate(LlamaForCausalLM model, IReadOnlyList<int> promptIds, int maxNewTokens, IReadOnlySet<int>? stopIds = null) =>
        Run(model, promptIds, maxNewTokens, stopIds, keepLogits: false).Tokens;

    /// <summary>As <see cref="Generate"/>, also returning the logits each new token was chosen from.</summary>
    public static GreedyGeneration GenerateWithLogits(LlamaForCausalLM model, IReadOnlyList<int> promptIds, int maxNewTokens, IReadOnlySet<int>? stopIds = null) =>
        Run(model, promptIds, maxNewTokens, stopIds, keepLogits: true);

    private static GreedyGeneration Run(LlamaForCausalLM model, IReadOnlyList<int> promptIds, int maxNewTokens, IReadOnlySet<int>? stopIds, bool keepLogits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(promptIds);
        ArgumentOutOfRangeException.ThrowIfNegative(maxNewTokens);
        if (promptIds.Count == 0)
        {
            throw new ArgumentException("the prompt must hold at least one token id", nameof(promptIds));
        }
        var limit = model.Config.MaxPositionEmbeddings;
        if (promptIds.Count + maxNewTokens > limit)
        {
            throw new ArgumentException(
                $"prompt of {promptIds.Count} tokens plus {maxNewTokens} new tokens exceeds max_position_embeddings={limit}", nameof(maxNewTokens));
        }

        var tokens = new List<int>(maxNewTokens);
        var stepLogits = new List<float[]>();
        using var noGrad = no_grad();
        using var cache = new KvCache(model.Config);
        var next = promptIds.Select(id => (long)id).ToArray();
        while (tokens.Count < maxNewTokens)
        {
            using var scope = NewDisposeScope();
            var input = tensor(next, device: model.Device).unsqueeze(0);
            var last = model.Forward(input, cache)[0, -1];
            var token = (int)last.argmax().item<long>();
            tokens.Add(token);
            if (keepLogits)
            {
                stepLogits.Add(last.cpu().data<float>().ToArray());
            }
            if (stopIds?.Contains(token) == true)
            {
                break;
            }
            next = [token];
        }
        return new GreedyGeneration(tokens, stepLogits);
    }
}
