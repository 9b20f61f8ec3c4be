using System.CommandLine;
using Vpo.Training.Checkpoints;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train init</c>: a config.json in, a checkpoint with seeded random weights out (the start of pretraining, or a test model).</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Hugging Face style Llama config.json.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Random seed for the weights.", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--output") { Description = "Checkpoint folder to write.", Required = true };
        var command = new Command("init", "Create a checkpoint with seeded random weights from a config.json.") { config, seed, output };
        command.SetAction(parseResult =>
        {
            try
            {
                var modelConfig = LlamaConfig.Load(parseResult.GetValue(config)!.FullName);
                using var generator = new Generator((ulong)parseResult.GetValue(seed), CPU);
                using var model = new LlamaForCausalLM(modelConfig, generator: generator);
                var folder = parseResult.GetValue(output)!.FullName;
                LlamaCheckpoint.Save(model, folder);
                var parameters = model.parameters().Sum(p => p.numel());
                parseResult.InvocationConfiguration.Output.WriteLine($"Wrote {folder}: {parameters:N0} parameters");
                return 0;
            }
            catch (InvalidModelConfigException error)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"init failed: {error.Message}");
                return 1;
            }
        });
        return command;
    }
}
