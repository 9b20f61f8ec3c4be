using TorchSharp;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class LlamaForCausalLMTests
{
    private static List<(string Name, long[] Shape)> HuggingFaceKeys(LlamaConfig c)
    {
        long kv = c.NumKeyValueHeads * c.HeadDim, q = c.NumAttentionHeads * c.HeadDim;
        var keys = new List<(string, long[])> { ("model.embed_tokens.weight", [c.VocabSize, c.HiddenSize]) };
        for (var i = 0; i < c.NumHiddenLayers; i++)
        {
            keys.Add(($"model.layers.{i}.self_attn.q_proj.weight", [q, c.HiddenSize]));
            keys.Add(($"model.layers.{i}.self_attn.k_proj.weight", [kv, c.HiddenSize]));
            keys.Add(($"model.layers.{i}.self_attn.v_proj.weight", [kv, c.HiddenSize]));
            keys.Add(($"model.layers.{i}.self_attn.o_proj.weight", [c.HiddenSize, q]));
            keys.Add(($"model.layers.{i}.mlp.gate_proj.weight", [c.IntermediateSize, c.HiddenSize]));
            keys.Add(($"model.layers.{i}.mlp.up_proj.weight", [c.IntermediateSize, c.HiddenSize]));
            keys.Add(($"model.layers.{i}.mlp.down_proj.weight", [c.HiddenSize, c.IntermediateSize]));
            keys.Add(($"model.layers.{i}.input_layernorm.weight", [c.HiddenSize]));
            keys.Add(($"model.layers.{i}.post_attention_layernorm.weight", [c.HiddenSize]));
        }
        keys.Add(("model.norm.weight", [c.HiddenSize]));
        if (!c.TieWordEmbeddings)
        {
            keys.Add(("lm_head.weight", [c.VocabSize, c.HiddenSize]));
        }
        return keys;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void State_dict_keys_and_shapes_are_exactly_the_hugging_face_llama_keys(bool tied)
    {
        // A Llama-3-shaped layer on the meta device: real sizes, no storage.
        var config = TinyLlama.Config(tied) with { VocabSize = 128256, HiddenSize = 4096, IntermediateSize = 14336, NumAttentionHeads = 32, NumKeyValueHeads = 8 };
        using var model = new LlamaForCausalLM(config, torch.META);

        var actual = model.state_dict().Select(kv => (kv.Key, kv.Value.shape)).OrderBy(k => k.Key, StringComparer.Ordinal).ToList();
        var expected = HuggingFaceKeys(config).OrderBy(k => k.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(expected.Select(k => k.Name), actual.Select(k => k.Key));
        Assert.Equal(expected.Select(k => string.Join("x", k.Shape)), actual.Select(k => string.Join("x", k.shape)));
        Assert.Equal(tied, model.named_parameters().All(p => p.name != "lm_head.weight"));
    }

    [Fact]
    public void Forward_gives_float32_logits_shaped_batch_by_sequence_by_vocabulary()
    {
        // libtorch has no meta kernel for the embedding lookup, so the shape check runs on a tiny CPU model.
        using var model = TinyLlama.Model(TinyLlama.Config() with { VocabSize = 300 });
        using var ids = zeros(3, 7, dtype: ScalarType.Int64);

        using var logits = model.forward(ids);

        Assert.Equal([3L, 7L, 300L], logits.shape);
        Assert.Equal(ScalarType.Float32, logits.dtype);
    }

    [Fact]
    public void Logits_match_an_independent_scalar_implementation_of_llama()
    {
        using var model = TinyLlama.Model();
        int[] ids = [1, 17, 42, 5, 88, 63, 9];
        using var input = TinyLlama.Ids(ids.Select(i => (long)i).ToArray());

        using var logits = model.forward(input);
        var expected = new ScalarLlamaReference(model).Logits(ids);

        var actual = TinyLlama.Values(logits);
        var vocab = model.Config.VocabSize;
        for (var t = 0; t < ids.Length; t++)
        {
            for (var v = 0; v < vocab; v++)
            {
                Assert.True(Math.Abs(actual[t * vocab + v] - expected[t][v]) < 1e-4,
                    $"position {t}, token {v}: TorchSharp {actual[t * vocab + v]} vs reference {expected[t][v]}");
            }
        }
    }

    [Fact]
    public void Tied_model_projects_with_the_embedding_matrix()
    {
        using var model = TinyLlama.Model(TinyLlama.Config(tied: true));
        int[] ids = [3, 1, 4, 1, 5];
        using var input = TinyLlama.Ids(ids.Select(i => (long)i).ToArray());

        using var logits = model.forward(input);
        var expected = new ScalarLlamaReference(model).Logits(ids);

        Assert.Equal(expected[^1][7], TinyLlama.Values(logits)[4 * 96 + 7], 4);
    }

    [Fact]
    public void The_same_seed_builds_the_same_model_and_its_logits_are_not_trivial()
    {
        using var first = TinyLlama.Model(seed: 7);
        using var second = TinyLlama.Model(seed: 7);
        using var other = TinyLlama.Model(seed: 8);
        using var ids = TinyLlama.Ids([1, 2, 3, 4]);

        using var a = first.forward(ids);
        using var b = second.forward(ids);
        using var c = other.forward(ids);

        Assert.Equal(0f, TinyLlama.MaxAbsDifference(a, b));
        Assert.True(TinyLlama.MaxAbsDifference(a, c) > 1e-3);
        using var spread = a.std();
        Assert.True(spread.item<float>() > 1e-2, "a random model must not give near-constant logits");
        Assert.True(TinyLlama.MaxAbsDifference(a[0, 0], a[0, 1]) > 1e-3, "different positions must get different logits");
    }

    [Fact]
    public void Changing_a_later_token_never_changes_earlier_logits()
    {
        using var model = TinyLlama.Model();
        using var original = model.forward(TinyLlama.Ids([5, 6, 7, 8, 9]));
        using var changed = model.forward(TinyLlama.Ids([5, 6, 7, 50, 9]));

        Assert.Equal(0f, TinyLlama.MaxAbsDifference(original[.., ..3], changed[.., ..3]), 6);
        Assert.True(TinyLlama.MaxAbsDifference(original[.., 3..], changed[.., 3..]) > 1e-4);
    }

    [Fact]
    public void A_right_padded_batch_gives_each_row_the_logits_it_gets_alone()
    {
        using var model = TinyLlama.Model();
        using var batch = model.forward(TinyLlama.Ids([10, 11, 12, 13, 14, 15], [20, 21, 22, 0, 0, 0]));
        using var longAlone = model.forward(TinyLlama.Ids([10, 11, 12, 13, 14, 15]));
        using var shortAlone = model.forward(TinyLlama.Ids([20, 21, 22]));

        Assert.True(TinyLlama.MaxAbsDifference(batch[0], longAlone[0]) < 1e-5);
        Assert.True(TinyLlama.MaxAbsDifference(batch[1, ..3], shortAlone[0]) < 1e-5);
    }

    [Fact]
    public void Decoding_with_a_cache_gives_the_logits_of_recomputing_the_whole_sequence()
    {
        using var model = TinyLlama.Model();
        using var full = model.forward(TinyLlama.Ids([1, 30, 31, 32, 33, 34, 35, 36], [1, 40, 41, 42, 43, 44, 45, 46]));
        using var cache = new KvCache(model.Config);

        using var prefill = model.Forward(TinyLlama.Ids([1, 30, 31, 32], [1, 40, 41, 42]), cache);
        using var chunk = model.Forward(TinyLlama.Ids([33, 34], [43, 44]), cache);
        using var step7 = model.Forward(TinyLlama.Ids([35], [45]), cache);
        using var step8 = model.Forward(TinyLlama.Ids([36], [46]), cache);

        Assert.Equal(8, cache.Length);
        Assert.True(TinyLlama.MaxAbsDifference(prefill, full[.., ..4]) < 1e-5);
        Assert.True(TinyLlama.MaxAbsDifference(chunk, full[.., 4..6]) < 1e-5);
        Assert.True(TinyLlama.MaxAbsDifference(step7, full[.., 6..7]) < 1e-5);
        Assert.True(TinyLlama.MaxAbsDifference(step8, full[.., 7..8]) < 1e-5);
    }

    [Fact]
    public void Every_parameter_receives_a_gradient_from_the_language_modelling_loss()
    {
        using var model = TinyLlama.Model();
        using var ids = TinyLlama.Ids([1, 5, 9, 13, 17, 21], [1, 6, 10, 14, 18, 22]);

        using var logits = model.forward(ids);
        using var loss = nn.functional.cross_entropy(logits[.., ..^1].reshape(-1, 96), ids[.., 1..].reshape(-1));
        loss.backward();

        foreach (var (name, parameter) in model.named_parameters())
        {
            using var gradNorm = parameter.grad!.abs().sum();
            Assert.True(gradNorm.item<float>() > 0, $"{name} got no gradient");
        }
    }

    [Fact]
    public void Token_ids_outside_the_vocabulary_are_rejected_with_the_offending_id()
    {
        using var model = TinyLlama.Model();

        var error = Assert.Throws<ArgumentException>(() => model.forward(TinyLlama.Ids([1, 2, 96])));

        Assert.Contains("token id 96", error.Message);
        Assert.Contains("vocab_size=96", error.Message);
    }

    [Fact]
    public void Input_ids_must_be_a_two_dimensional_int64_tensor()
    {
        using var model = TinyLlama.Model();
        using var flat = tensor(new long[] { 1, 2, 3 });
        using var ints = tensor(new int[,] { { 1, 2, 3 } });

        Assert.Contains("[batch, seq]", Assert.Throws<ArgumentException>(() => model.forward(flat)).Message);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => model.forward(ints)).Message);
    }

    [Fact]
    public void Sequences_longer_than_max_position_embeddings_are_rejected()
    {
        using var model = TinyLlama.Model(TinyLlama.Config() with { MaxPositionEmbeddings = 4 });
        using var cache = new KvCache(model.Config);
        using var prefill = model.Forward(TinyLlama.Ids([1, 2, 3]), cache);

        var error = Assert.Throws<ArgumentException>(() => model.Forward(TinyLlama.Ids([4, 5]), cache));

        Assert.Contains("max_position_embeddings=4", error.Message);
    }

    [Fact]
    public void Building_a_model_from_an_invalid_config_names_the_field()
    {
        var error = Assert.Throws<InvalidModelConfigException>(() => new LlamaForCausalLM(TinyLlama.Config() with { NumKeyValueHeads = 3 }));

        Assert.Equal("num_key_value_heads", error.Field);
    }
}
