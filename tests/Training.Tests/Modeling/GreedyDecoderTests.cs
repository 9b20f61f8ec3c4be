using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class GreedyDecoderTests
{
    /// <summary>Greedy decoding by rerunning the whole sequence each step, with no cache.</summary>
    private static (List<int> Tokens, List<float[]> Logits) RecomputeEachStep(LlamaForCausalLM model, int[] prompt, int count)
    {
        var sequence = prompt.Select(id => (long)id).ToList();
        var tokens = new List<int>();
        var logits = new List<float[]>();
        using var noGrad = no_grad();
        for (var step = 0; step < count; step++)
        {
            using var scope = NewDisposeScope();
            var last = model.forward(tensor(sequence.ToArray()).unsqueeze(0))[0, -1];
            logits.Add(TinyLlama.Values(last));
            var token = (int)last.argmax().item<long>();
            tokens.Add(token);
            sequence.Add(token);
        }
        return (tokens, logits);
    }

    [Fact]
    public void Decoding_with_the_cache_gives_the_tokens_and_logits_of_recomputing_the_sequence()
    {
        using var model = TinyLlama.Model(TinyLlama.Config() with { VocabSize = 256 }, seed: 99);
        int[] prompt = [1, 17, 200, 45, 3, 99, 12];

        var cached = GreedyDecoder.GenerateWithLogits(model, prompt, 24);
        var (tokens, logits) = RecomputeEachStep(model, prompt, 24);

        Assert.Equal(tokens, cached.Tokens);
        Assert.True(tokens.Distinct().Count() > 1, "the random model should not repeat one token forever");
        for (var step = 0; step < tokens.Count; step++)
        {
            var difference = logits[step].Zip(cached.StepLogits[step], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(difference <= 1e-4, $"step {step}: cached logits differ by {difference}");
        }
        Assert.Equal(cached.Tokens, GreedyDecoder.Generate(model, prompt, 24));
    }

    [Fact]
    public void Generation_stops_after_the_first_stop_token_and_returns_it()
    {
        using var model = TinyLlama.Model(seed: 5);
        int[] prompt = [1, 2, 3];
        var unconstrained = GreedyDecoder.Generate(model, prompt, 12);
        var stop = unconstrained[4];
        var firstStop = unconstrained.ToList().IndexOf(stop);

        var stopped = GreedyDecoder.Generate(model, prompt, 12, new HashSet<int> { stop });

        Assert.Equal(unconstrained.Take(firstStop + 1), stopped);
    }

    [Fact]
    public void Zero_new_tokens_returns_nothing()
    {
        using var model = TinyLlama.Model();

        Assert.Empty(GreedyDecoder.Generate(model, [1, 2], 0));
    }

    [Fact]
    public void An_empty_prompt_or_a_run_past_the_context_is_rejected()
    {
        using var model = TinyLlama.Model(TinyLlama.Config() with { MaxPositionEmbeddings = 16 });

        Assert.Throws<ArgumentException>(() => GreedyDecoder.Generate(model, [], 4));
        var error = Assert.Throws<ArgumentException>(() => GreedyDecoder.Generate(model, [1, 2, 3, 4], 13));
        Assert.Contains("max_position_embeddings=16", error.Message);
    }
}
