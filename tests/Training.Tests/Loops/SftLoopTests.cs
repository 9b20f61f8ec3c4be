using Vpo.Training.Loops;
using Vpo.Training.Schedules;
using Vpo.Training.Tests.Support;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Loops;

public sealed class SftLoopTests
{
    [Fact]
    public async Task Sft_on_20_examples_halves_the_training_loss_and_changes_every_parameter()
    {
        using var folder = new TemporaryDirectory();
        using var model = TrainingFixtures.Model(seed: 1);
        var before = TrainingFixtures.Snapshot(model);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 3e-3, epochs: 25, batchSize: 4, microBatchSize: 4) with
        {
            Schedule = LearningRateScheduleKind.Constant,
        };

        var result = await new SftLoop(model, options).RunAsync(TrainingFixtures.SftExamples(20), [], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Completed);
        Assert.Equal(125, result.StepsDone);
        var first = result.Steps[0].Loss;
        var lastEpoch = result.Steps.TakeLast(5).Average(s => s.Loss);
        Assert.True(lastEpoch <= first / 2, $"loss went from {first} to {lastEpoch}");
        foreach (var (name, parameter) in model.named_parameters())
        {
            using var difference = (parameter.detach() - before[name]).abs().max();
            Assert.True(difference.item<float>() > 0, $"{name} did not change");
        }
    }

    [Fact]
    public async Task Every_epoch_ends_with_a_held_out_evaluation_and_a_checkpoint()
    {
        using var folder = new TemporaryDirectory();
        using var model = TrainingFixtures.Model(seed: 2);
        var examples = TrainingFixtures.SftExamples(10);
        var options = TrainingFixtures.Options(folder.Path, epochs: 3) with { KeepCheckpoints = 5 };
        var checkpoints = new List<long>();
        var observer = new RecordingObserver { Checkpointed = (_, step) => checkpoints.Add(step) };

        var result = await new SftLoop(model, options, observer).RunAsync(examples.Take(8).ToList(), examples.Skip(8).ToList(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], result.Evaluations.Select(e => e.Epoch));
        Assert.All(result.Evaluations, e => Assert.True(double.IsFinite(e.Loss) && e.Loss > 0));
        Assert.Equal([2L, 4, 6], checkpoints);
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(folder.Path, "checkpoints")).Length);
        Assert.Equal(TrainingCheckpoint.DirectoryFor(Path.Combine(folder.Path, "checkpoints"), 6), result.LastCheckpoint);
    }

    [Fact]
    public async Task Only_the_newest_checkpoints_are_kept()
    {
        using var folder = new TemporaryDirectory();
        using var model = TrainingFixtures.Model(seed: 2);
        var options = TrainingFixtures.Options(folder.Path, epochs: 4) with { KeepCheckpoints = 2 };

        await new SftLoop(model, options).RunAsync(TrainingFixtures.SftExamples(4), [], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["checkpoint-0000003", "checkpoint-0000004"], Directory.GetDirectories(Path.Combine(folder.Path, "checkpoints")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task The_learning_rate_follows_the_schedule_with_warmup()
    {
        using var folder = new TemporaryDirectory();
        using var model = TrainingFixtures.Model(seed: 2);
        var options = TrainingFixtures.Options(folder.Path, learningRate: 1e-3, epochs: 5, batchSize: 4) with
        {
            Schedule = LearningRateScheduleKind.Constant,
            WarmupRatio = 0.2,
        };

        var result = await new SftLoop(model, options).RunAsync(TrainingFixtures.SftExamples(8), [], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([5e-4, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3, 1e-3], result.Steps.Select(s => s.LearningRate));
    }
}
