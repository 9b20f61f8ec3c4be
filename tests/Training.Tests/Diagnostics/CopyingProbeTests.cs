using Vpo.Training.Diagnostics;
using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using Vpo.Training.Schedules;
using Vpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Diagnostics;

public sealed class CopyingProbeTests
{
    private const int Vocabulary = 64;
    private const int BeginOfText = 0;
    private const int SpanLength = 12;

    private static LlamaForCausalLM NewModel()
    {
        var config = new LlamaConfig
        {
            VocabSize = Vocabulary,
            HiddenSize = 64,
            IntermediateSize = 128,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            RopeTheta = 10000,
            MaxPositionEmbeddings = 64,
            BosTokenId = BeginOfText,
            EosTokenIds = [1],
        };
        using var generator = new Generator(7, CPU);
        return new LlamaForCausalLM(config, generator: generator);
    }

    private static int[] RandomSpan(Random random, int length) => RepeatedSpans.RandomTokens(random, length, Vocabulary);

    [Fact]
    public async Task A_tiny_llama_trained_on_repeated_random_spans_learns_to_copy_them_and_still_cannot_see_ahead()
    {
        // The end-to-end check of the model core and pretraining loop together: attention, rotary positions, the
        // causal mask and the loss shift must all be right for copying to form, and a leaking mask would show as
        // a first occurrence predicted below chance.
        using var folder = new TemporaryDirectory();
        var random = new Random(11);
        var train = Enumerable.Range(0, 700 * 32).Select(_ => RepeatedSpans.Row(random, 32, Vocabulary, BeginOfText, 6, SpanLength)).ToList();
        using var model = NewModel();
        var options = new TrainerOptions
        {
            LearningRate = 2e-3,
            BatchSize = 32,
            MicroBatchSize = 32,
            Schedule = LearningRateScheduleKind.Constant,
            WarmupRatio = 0.02,
            OutputDirectory = folder.Combine("run"),
            KeepCheckpoints = 1,
        };

        await new PretrainLoop(model, options).RunAsync(train, [], cancellationToken: TestContext.Current.CancellationToken);
        var probe = CopyingProbe.Measure(model, Enumerable.Range(0, 50).Select(_ => RandomSpan(random, random.Next(6, SpanLength + 1))), BeginOfText, TestContext.Current.CancellationToken);

        var chance = Math.Log(Vocabulary - 2);
        Assert.Equal(50, probe.Texts);
        Assert.True(probe.FirstOccurrenceLoss > chance - 0.3, $"first occurrence {probe.FirstOccurrenceLoss:F2} nats is below chance ({chance:F2}): the model sees ahead");
        Assert.True(probe.Gain > 2.0, $"first {probe.FirstOccurrenceLoss:F2} vs repeat {probe.SecondOccurrenceLoss:F2} nats: the model did not learn to copy");
    }

    [Fact]
    public void An_untrained_model_gains_nothing_from_a_repeat()
    {
        using var model = NewModel();
        var random = new Random(3);

        var probe = CopyingProbe.Measure(model, Enumerable.Range(0, 20).Select(_ => RandomSpan(random, SpanLength)), BeginOfText, TestContext.Current.CancellationToken);

        Assert.Equal(20 * SpanLength, probe.SecondOccurrenceTokens);
        Assert.InRange(probe.Gain, -0.1, 0.1);
    }

    [Fact]
    public void Texts_that_are_too_short_or_whose_repeat_does_not_fit_are_skipped()
    {
        using var model = NewModel();
        var random = new Random(5);
        int[][] texts = [RandomSpan(random, 3), RandomSpan(random, 8), RandomSpan(random, 32)];

        var probe = CopyingProbe.Measure(model, texts, BeginOfText, TestContext.Current.CancellationToken);

        Assert.Equal(1, probe.Texts);
        Assert.Equal(8, probe.SecondOccurrenceTokens);
    }

    [Fact]
    public void Probing_no_usable_text_is_an_error_naming_the_limits()
    {
        using var model = NewModel();

        var error = Assert.Throws<ArgumentException>(() => CopyingProbe.Measure(model, [[5, 6]], BeginOfText, TestContext.Current.CancellationToken));

        Assert.Contains("at least 4 tokens", error.Message);
        Assert.Contains("max_position_embeddings (64)", error.Message);
    }

    [Fact]
    public void Probing_leaves_a_training_model_in_training_mode()
    {
        using var model = NewModel();
        model.train();

        CopyingProbe.Measure(model, [[5, 6, 7, 8, 9]], BeginOfText, TestContext.Current.CancellationToken);

        Assert.True(model.training);
    }
}
