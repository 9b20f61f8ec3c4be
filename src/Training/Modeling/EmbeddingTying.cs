using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Turns a model with its own LM head into one whose head is its input embedding matrix. An untied 8,000-token head
/// kept the shipped base from learning to copy from its context (training/shipped/copying/): with the head tied, a
/// token's output row is the row its input embedding trained, and copying formed within one epoch.
/// </summary>
public static class EmbeddingTying
{
    /// <summary>A new tied model with every weight of <paramref name="untied"/> except <c>lm_head.weight</c>, which is dropped.</summary>
    public static LlamaForCausalLM Tie(LlamaForCausalLM untied)
    {
        ArgumentNullException.ThrowIfNull(untied);
        if (untied.Config.TieWordEmbeddings)
        {
            throw new ArgumentException("The model's embeddings are already tied to its head.", nameof(untied));
        }

        var tied = new LlamaForCausalLM(untied.Config with { TieWordEmbeddings = true });
        var source = untied.state_dict();
        using (no_grad())
        {
            foreach (var (name, parameter) in tied.named_parameters())
            {
                parameter.copy_(source[name]);
            }
        }

        return tied;
    }
}
