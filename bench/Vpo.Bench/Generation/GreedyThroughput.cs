using System.Diagnostics;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Vpo.Bench.Generation;

/// <summary>
/// Greedy decoding throughput of a model folder with the bare ONNX Runtime GenAI loop: one generator per batch,
/// fixed prompt length, a fixed number of new tokens (end tokens are never reached because min_length forbids them).
/// </summary>
public static class GreedyThroughput
{
    /// <summary>Prints prefill and decode rates per batch size; returns the process exit code.</summary>
    public static int Run(string modelFolder, IReadOnlyList<int> batchSizes, int newTokens, int promptTokens)
    {
        using var model = BareGenAiLoop.LoadModel(modelFolder);
        var random = new Random(7);
        Console.WriteLine($"model: {modelFolder}; prompt {promptTokens} tokens, {newTokens} new tokens, greedy");
        Console.WriteLine("| batch | prefill s | decode s | generated tok/s (decode) | total tok/s |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var batch in batchSizes)
        {
            Measure(model, batch, promptTokens, 4, random); // warm-up
            var (prefill, decode) = Measure(model, batch, promptTokens, newTokens, random);
            var generated = batch * newTokens;
            Console.WriteLine($"| {batch} | {prefill.TotalSeconds:F3} | {decode.TotalSeconds:F3} | {(generated - batch) / decode.TotalSeconds:F1} | {generated / (prefill + decode).TotalSeconds:F1} |");
        }
        return 0;
    }

    private static (TimeSpan Prefill, TimeSpan Decode) Measure(Model model, int batch, int promptTokens, int newTokens, Random random)
    {
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("batch_size", batch);
        parameters.SetSearchOption("max_length", promptTokens + newTokens);
        parameters.SetSearchOption("min_length", promptTokens + newTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        var tokens = Enumerable.Range(0, batch * promptTokens).Select(_ => random.Next(2, 500)).ToArray();
        var stopwatch = Stopwatch.StartNew();
        generator.AppendTokens(tokens);
        generator.GenerateNextToken();
        var prefill = stopwatch.Elapsed;
        stopwatch.Restart();
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
        }
        return (prefill, stopwatch.Elapsed);
    }
}
