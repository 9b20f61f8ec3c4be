using System.CommandLine;
using Vpo.Training.Checkpoints;
using Vpo.Training.Export;
using Vpo.Training.Modeling;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train export</c>: a checkpoint folder and a tokenizer folder in, an ONNX Runtime GenAI model folder out.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint")
        {
            Description = "Checkpoint folder (config.json + *.safetensors), e.g. a run's final/ folder or a Hugging Face Llama folder.",
            Required = true,
        };
        var tokenizer = new Option<DirectoryInfo>("--tokenizer")
        {
            Description = "Folder with tokenizer.json and tokenizer_config.json (as written by `vpo-train tokenizer`).",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--output") { Description = "Model folder to write (replaced if it exists).", Required = true };
        var embedWeights = new Option<bool>("--embed-weights")
        {
            Description = "Keep the weights inside model.onnx instead of model.onnx.data (only for models well under 2 GB).",
        };
        var command = new Command("export", "Export a checkpoint to an ONNX Runtime GenAI model folder (model.onnx, genai_config.json, tokenizer).")
        {
            checkpoint, tokenizer, output, embedWeights,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var checkpointFolder = parseResult.GetValue(checkpoint)!.FullName;
            var outputFolder = parseResult.GetValue(output)!.FullName;
            try
            {
                using var model = LlamaCheckpoint.Load(checkpointFolder);
                var result = await OnnxExporter.ExportAsync(model.Config, new ModuleWeightSource(model), parseResult.GetValue(tokenizer)!.FullName,
                    outputFolder, new OnnxExportOptions(ExternalData: !parseResult.GetValue(embedWeights)), cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine($"Exported {checkpointFolder} to {result.Directory}: {result.TotalBytes / 1e6:F1} MB in {result.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
            catch (Exception error) when (error is InvalidCheckpointException or InvalidModelConfigException or OnnxExportException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"export failed: {error.Message}");
                return 1;
            }
        });
        return command;
    }
}
