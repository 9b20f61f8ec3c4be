using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using Vpo.Training.Tests.Evaluation;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Support;

/// <summary>A random model over the fixture tokenizer, saved as the trainers save one (config, safetensors, tokenizer files).</summary>
internal static class SavedTinyModel
{
    public static string Save(TemporaryDirectory folder, bool tied = false)
    {
        var directory = folder.Combine("model");
        var config = LlamaConfig.Load(Path.Combine(TinyModelFolder.Path, "..", "tiny-llama-config.json")) with { TieWordEmbeddings = tied };
        using var generator = new Generator(5, CPU);
        using var model = new LlamaForCausalLM(config, generator: generator);
        new LlamaModelStore(TinyModelFolder.Path).Save(model, directory);
        return directory;
    }
}
