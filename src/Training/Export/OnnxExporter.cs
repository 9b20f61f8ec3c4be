using System.Diagnostics;
using Google.Protobuf;
using Vpo.Training.Export.Schema;
using Vpo.Training.Modeling;

namespace Vpo.Training.Export;

/// <summary>
/// Exports a Llama decoder to a folder ONNX Runtime GenAI serves: model.onnx (+ model.onnx.data),
/// genai_config.json and the tokenizer files. The folder is assembled beside the target and moved into
/// place at the end, so a failed export never leaves a half-written model where a service would load it.
/// </summary>
public static class OnnxExporter
{
    public const string ModelFileName = "model.onnx";
    public const string ExternalDataFileName = "model.onnx.data";
    private static readonly string[] TokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];
    private static readonly string[] RequiredTokenizerFiles = ["tokenizer.json", "tokenizer_config.json"];

    public static async Task<OnnxExportResult> ExportAsync(LlamaConfig config, IWeightSource weights, string tokenizerDirectory,
        string outputDirectory, OnnxExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OnnxExportOptions();
        config.Validate();
        foreach (var file in RequiredTokenizerFiles)
        {
            if (!File.Exists(Path.Combine(tokenizerDirectory, file)))
            {
                throw new OnnxExportException($"The tokenizer folder '{tokenizerDirectory}' has no {file}.");
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var target = Path.GetFullPath(outputDirectory);
        var staging = $"{target}.partial-{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging);
        try
        {
            long externalBytes = 0;
            ModelProto model;
            using (var externalData = options.ExternalData ? new ExternalDataWriter(Path.Combine(staging, ExternalDataFileName)) : null)
            {
                model = CreateModel(DecoderGraphBuilder.Build(config, weights, externalData));
                externalBytes = externalData?.Length ?? 0;
            }
            if (externalBytes == 0) File.Delete(Path.Combine(staging, ExternalDataFileName));

            var modelPath = Path.Combine(staging, ModelFileName);
            await using (var stream = File.Create(modelPath))
            {
                model.WriteTo(stream);
            }
            await GenAiConfigWriter.WriteAsync(config, ModelFileName, Path.Combine(staging, "genai_config.json"), cancellationToken);
            foreach (var file in TokenizerFiles)
            {
                var source = Path.Combine(tokenizerDirectory, file);
                if (File.Exists(source)) File.Copy(source, Path.Combine(staging, file));
            }
            cancellationToken.ThrowIfCancellationRequested();
            ReplaceDirectory(staging, target);
            return new OnnxExportResult(target, new FileInfo(Path.Combine(target, ModelFileName)).Length, externalBytes, stopwatch.Elapsed);
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static ModelProto CreateModel(GraphProto graph)
    {
        var model = new ModelProto
        {
            IrVersion = 10,
            ProducerName = "vpo-train",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 21 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        return model;
    }

    private static void ReplaceDirectory(string staging, string target)
    {
        if (Directory.Exists(target))
        {
            var old = $"{target}.old-{Guid.NewGuid():N}";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Directory.Move(staging, target);
        }
    }
}
