using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class EmbeddingTyingTests
{
    [Fact]
    public void Tie_keeps_every_weight_and_makes_the_input_embeddings_the_head()
    {
        using var untied = TinyLlama.Model(TinyLlama.Config(tied: false), seed: 3);
        using var tied = EmbeddingTying.Tie(untied);
        using var ids = TinyLlama.Ids([3, 1, 4, 1, 5]);

        // The untied model with its head overwritten by its embeddings is what the tied model must compute.
        var untiedWeights = untied.state_dict();
        using (no_grad())
        {
            untiedWeights["lm_head.weight"].copy_(untiedWeights["model.embed_tokens.weight"]);
        }

        using var expected = untied.forward(ids);
        using var actual = tied.forward(ids);

        Assert.True(tied.Config.TieWordEmbeddings);
        Assert.DoesNotContain(tied.named_parameters(), p => p.name == "lm_head.weight");
        Assert.Equal(untied.named_parameters().Count() - 1, tied.named_parameters().Count());
        Assert.Equal(0f, TinyLlama.MaxAbsDifference(expected, actual));
    }

    [Fact]
    public void Tie_refuses_a_model_that_is_already_tied()
    {
        using var tied = TinyLlama.Model(TinyLlama.Config(tied: true));

        var error = Assert.Throws<ArgumentException>(() => EmbeddingTying.Tie(tied));

        Assert.Contains("already tied", error.Message, StringComparison.Ordinal);
    }
}
