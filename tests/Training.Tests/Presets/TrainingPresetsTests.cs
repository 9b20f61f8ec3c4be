using Vpo.Training.Presets;
using Vpo.Training.Schedules;

namespace Vpo.Training.Tests.Presets;

public sealed class TrainingPresetsTests
{
    [Fact]
    public void The_paper_sft_preset_matches_appendix_9()
    {
        var preset = TrainingPresets.Get(TrainingStage.Sft, "paper-sft");
        Assert.Equal(2e-6, preset.LearningRate);
        Assert.Equal(5, preset.Epochs);
        Assert.Equal(LearningRateScheduleKind.Constant, preset.Schedule);
        Assert.Equal(0.1, preset.WarmupRatio);
        Assert.Equal(64, preset.BatchSize);
        Assert.Equal(2048, preset.ContextLength);
    }

    [Fact]
    public void The_paper_dpo_preset_matches_appendix_9()
    {
        var preset = TrainingPresets.Get(TrainingStage.Dpo, "paper-dpo");
        Assert.Equal(5e-7, preset.LearningRate);
        Assert.Equal(0.1, preset.Beta);
        Assert.Equal(1, preset.Epochs);
        Assert.Equal(LearningRateScheduleKind.Linear, preset.Schedule);
        Assert.Equal(0.1, preset.WarmupRatio);
        Assert.Equal(16, preset.BatchSize);
    }

    [Fact]
    public void Every_stage_has_a_cpu_preset_whose_micro_batch_divides_nothing_larger_than_its_batch()
    {
        foreach (var stage in Enum.GetValues<TrainingStage>())
        {
            var cpu = Assert.Single(TrainingPresets.For(stage), p => p.Name.StartsWith("cpu-", StringComparison.Ordinal));
            Assert.InRange(cpu.MicroBatchSize, 1, cpu.BatchSize);
        }
    }

    [Fact]
    public void An_unknown_preset_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingPresets.Get(TrainingStage.Dpo, "paper-sft"));
        Assert.Contains("paper-dpo, cpu-dpo", error.Message);
    }
}
