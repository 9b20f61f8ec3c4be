using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using Vpo.Training.Schedules;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Support;

/// <summary>Builds the small models, examples and options the loop tests share.</summary>
internal static class TrainingFixtures
{
    public const int VocabularySize = 320;

    public static LlamaConfig Config { get; } = new()
    {
        VocabSize = VocabularySize,
        HiddenSize = 32,
        IntermediateSize = 64,
        NumHiddenLayers = 2,
        NumAttentionHeads = 4,
        NumKeyValueHeads = 2,
        MaxPositionEmbeddings = 512,
        BosTokenId = WordChatEncoder.BeginOfText,
        EosTokenId = WordChatEncoder.EndOfText,
    };

    // A private generator: test classes run in parallel and would race on torch's global one.
    public static LlamaForCausalLM Model(int seed)
    {
        using var generator = new Generator((ulong)seed, CPU);
        return new LlamaForCausalLM(Config, generator: generator);
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
        ModelStore = new LlamaModelStore(tokenizerDirectory: null),
    };

    public static Dictionary<string, Tensor> Snapshot(nn.Module<Tensor, Tensor> model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
}
