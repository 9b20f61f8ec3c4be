using Vpo.Training.Loops;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Loops;

public sealed class ResumeTests
{
    [Fact]
    public async Task Sft_resumed_after_k_steps_repeats_the_uninterrupted_losses()
    {
        var examples = TrainingFixtures.SftExamples(10).ToArray();
        using var full = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        var ct = TestContext.Current.CancellationToken;

        using var reference = TrainingFixtures.Model(seed: 9);
        var uninterrupted = await new SftLoop(reference, TrainingFixtures.Options(full.Path, epochs: 2)).RunAsync(examples[..8], examples[8..], cancellationToken: ct);

        using var first = TrainingFixtures.Model(seed: 9);
        var stopped = await new SftLoop(first, TrainingFixtures.Options(split.Path, epochs: 2) with { StopAfterSteps = 2 }).RunAsync(examples[..8], examples[8..], cancellationToken: ct);
        Assert.False(stopped.Completed);

        // A different initialisation proves the weights come from the checkpoint.
        using var second = TrainingFixtures.Model(seed: 1234);
        var resumed = await new SftLoop(second, TrainingFixtures.Options(split.Path, epochs: 2)).RunAsync(examples[..8], examples[8..], stopped.LastCheckpoint, ct);

        Assert.True(resumed.Completed);
        AssertSameLosses(uninterrupted.Steps, stopped.Steps.Concat(resumed.Steps).ToList());
        Assert.Equal(uninterrupted.Evaluations[^1].Loss, resumed.Evaluations[^1].Loss, 5);
    }

    [Fact]
    public async Task Pretraining_cancelled_like_ctrl_c_saves_a_checkpoint_and_resumes_identically()
    {
        var sequences = Enumerable.Range(0, 12).Select(i => Enumerable.Range(0, 24).Select(t => 6 + ((i * 7 + t * 3) % 50)).ToArray()).ToList();
        using var full = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        var ct = TestContext.Current.CancellationToken;

        using var reference = TrainingFixtures.Model(seed: 9);
        var uninterrupted = await new PretrainLoop(reference, TrainingFixtures.Options(full.Path, epochs: 2)).RunAsync(sequences, [], cancellationToken: ct);

        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver { Stepped = s => { if (s.Step == 4) { cancel.Cancel(); } } };
        using var first = TrainingFixtures.Model(seed: 9);
        var stopped = await new PretrainLoop(first, TrainingFixtures.Options(split.Path, epochs: 2), observer).RunAsync(sequences, [], cancellationToken: cancel.Token);
        Assert.False(stopped.Completed);
        Assert.Equal(4, stopped.StepsDone);

        using var second = TrainingFixtures.Model(seed: 77);
        var resumed = await new PretrainLoop(second, TrainingFixtures.Options(split.Path, epochs: 2)).RunAsync(sequences, [], TrainingCheckpoint.FindLatest(Path.Combine(split.Path, "checkpoints")), ct);

        AssertSameLosses(uninterrupted.Steps, stopped.Steps.Concat(resumed.Steps).ToList());
    }

    [Fact]
    public async Task Dpo_resumes_with_the_reference_log_probabilities_of_the_original_run()
    {
        var pairs = TrainingFixtures.PreferenceExamples(8);
        using var full = new TemporaryDirectory();
        using var split = new TemporaryDirectory();
        var ct = TestContext.Current.CancellationToken;

        using var reference = TrainingFixtures.Model(seed: 9);
        var uninterrupted = await new DpoLoop(reference, TrainingFixtures.Options(full.Path, epochs: 2), 0.1).RunAsync(pairs, [], cancellationToken: ct);

        using var first = TrainingFixtures.Model(seed: 9);
        var stopped = await new DpoLoop(first, TrainingFixtures.Options(split.Path, epochs: 2) with { StopAfterSteps = 1 }, 0.1).RunAsync(pairs, [], cancellationToken: ct);

        using var second = TrainingFixtures.Model(seed: 31);
        var resumed = await new DpoLoop(second, TrainingFixtures.Options(split.Path, epochs: 2), 0.1).RunAsync(pairs, [], stopped.LastCheckpoint, ct);

        AssertSameLosses(uninterrupted.Steps, stopped.Steps.Concat(resumed.Steps).ToList());
        Assert.Equal(uninterrupted.Steps[^1].Metrics["margin"], resumed.Steps[^1].Metrics["margin"], 5);
    }

    [Fact]
    public async Task Resuming_with_a_different_batch_size_is_refused_with_the_reason()
    {
        var examples = TrainingFixtures.SftExamples(8);
        using var folder = new TemporaryDirectory();
        var ct = TestContext.Current.CancellationToken;
        using var model = TrainingFixtures.Model(seed: 9);
        var stopped = await new SftLoop(model, TrainingFixtures.Options(folder.Path, epochs: 2) with { StopAfterSteps = 1 }).RunAsync(examples, [], cancellationToken: ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SftLoop(model, TrainingFixtures.Options(folder.Path, epochs: 2, batchSize: 2)).RunAsync(examples, [], stopped.LastCheckpoint, ct));

        Assert.Contains("batch size = 4", error.Message);
        Assert.Contains("this run has 2", error.Message);
    }

    private static void AssertSameLosses(IReadOnlyList<StepMetrics> expected, IReadOnlyList<StepMetrics> actual)
    {
        Assert.Equal(expected.Select(s => s.Step), actual.Select(s => s.Step));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i].Loss - actual[i].Loss) <= 1e-5, $"step {expected[i].Step}: {expected[i].Loss} vs {actual[i].Loss}");
            Assert.Equal(expected[i].LearningRate, actual[i].LearningRate);
        }
    }
}
