using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Schedules;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Support;

/// <summary>Builds the small models, examples and options the loop tests share.</summary>
internal static class TrainingFixtures
{
    public const int VocabularySize = 320;

    public static TinyCausalModel Model(int seed)
    {
        manual_seed(seed);
        return new TinyCausalModel(VocabularySize);
    }

    public static IReadOnlyList<ResponseExample> SftExamples(int count)
    {
        var encoder = new TrainingExampleEncoder(new WordChatEncoder(VocabularySize), 512, "sft.jsonl");
        return SampleData.Sft(count).Select(encoder.Encode).ToList();
    }

    public static IReadOnlyList<PreferenceExample> PreferenceExamples(int count)
    {
        var encoder = new TrainingExampleEncoder(new WordChatEncoder(VocabularySize), 512, "pairs.jsonl");
        return SampleData.Preferences(count).Select(encoder.Encode).ToList();
    }

    public static TrainerOptions Options(string outputDirectory, double learningRate = 3e-3, int epochs = 1, int batchSize = 4, int microBatchSize = 2) => new()
    {
        LearningRate = learningRate,
        Epochs = epochs,
        BatchSize = batchSize,
        MicroBatchSize = microBatchSize,
        WeightDecay = 0.01,
        Schedule = LearningRateScheduleKind.Linear,
        WarmupRatio = 0.1,
        MaxGradientNorm = 1.0,
        Seed = 5,
        OutputDirectory = outputDirectory,
        PaddingId = WordChatEncoder.EndOfText,
    };

    public static Dictionary<string, Tensor> Snapshot(nn.Module<Tensor, Tensor> model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
}
