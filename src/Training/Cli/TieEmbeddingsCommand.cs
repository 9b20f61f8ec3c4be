using System.CommandLine;
using Vpo.Training.Loops;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train tie-embeddings</c>: a model folder with its own LM head in, the same model with the head tied to the input embeddings out.</summary>
public static class TieEmbeddingsCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder whose config has tie_word_embeddings false.", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for the tied model (config, safetensors and the tokenizer files found next to the model).", Required = true };
        var command = new Command("tie-embeddings",
            "Drop a model's LM head and use its input embeddings as the head: the start for continued pretraining that teaches a small-vocabulary model to copy from its context.")
        {
            model, output,
        };
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var source = parseResult.GetValue(model)!.FullName;
            var target = parseResult.GetValue(output)!.FullName;
            if (Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar) == Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar))
            {
                throw new ArgumentException("--output must be another folder than --model.");
            }

            using var untied = ModelFolder.LoadModel(source, CPU);
            using var tied = EmbeddingTying.Tie(untied);
            // Saved as the trainers save a model: weights, config and the tokenizer files the source folder has.
            new LlamaModelStore(source).Save(tied, target);

            var parameters = tied.parameters().Sum(p => p.numel());
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"tie-embeddings: {target}: {parameters:N0} parameters (lm_head.weight dropped; the head is model.embed_tokens.weight)").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
