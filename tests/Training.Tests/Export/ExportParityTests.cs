using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Model = Microsoft.ML.OnnxRuntimeGenAI.Model;
using GeneratorParams = Microsoft.ML.OnnxRuntimeGenAI.GeneratorParams;
using TorchSharp;
using Vpo.Training.Export;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Export;

/// <summary>
/// The acceptance test of the model core: a TorchSharp decoder exported to ONNX gives the same logits
/// under ONNX Runtime, and the same greedy tokens under ONNX Runtime GenAI with different-length prompts
/// batched in one generator.
/// </summary>
public sealed class ExportParityTests : IClassFixture<ExportParityTests.ExportedModel>
{
    private static readonly int[][] Prompts = [[5, 17, 42, 8, 99, 23, 61], [7, 3], [250, 11, 12, 13, 140]];
    private readonly ExportedModel exported;

    public ExportParityTests(ExportedModel exported) => this.exported = exported;

    [Fact]
    public void Onnx_runtime_logits_equal_torchsharp_logits_on_prefill_and_eight_decode_steps()
    {
        const int decodeSteps = 8;
        var config = exported.Config;
        var random = new Random(11);
        var decodeTokens = Prompts.Select(_ => Enumerable.Range(0, decodeSteps).Select(_ => random.Next(config.VocabSize)).ToArray()).ToArray();
        var reference = Prompts.Select((prompt, row) => TorchLogits(prompt.Concat(decodeTokens[row]).ToArray())).ToArray();

        using var session = new InferenceSession(Path.Combine(exported.Folder, "model.onnx"));
        var batch = Prompts.Length;
        var width = Prompts.Max(p => p.Length);
        var mask = new List<long[]>(Prompts.Select(p => Enumerable.Range(0, width).Select(i => i < p.Length ? 1L : 0L).ToArray()));
        var inputIds = Prompts.SelectMany(p => p.Select(t => (long)t).Concat(Enumerable.Repeat((long)config.EosTokenId, width - p.Length))).ToArray();
        var past = EmptyCache(config, batch);
        var maxDifference = 0f;

        for (var step = 0; step <= decodeSteps; step++)
        {
            var sequenceLength = step == 0 ? width : 1;
            var feeds = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(inputIds, [batch, sequenceLength])),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask.SelectMany(m => m).ToArray(), [batch, mask[0].Length])),
            };
            feeds.AddRange(past);
            using var results = session.Run(feeds);
            var logits = results.First(r => r.Name == "logits").AsTensor<float>();
            for (var row = 0; row < batch; row++)
            {
                var positions = step == 0 ? Enumerable.Range(0, Prompts[row].Length) : [0];
                foreach (var position in positions)
                {
                    var referencePosition = step == 0 ? position : Prompts[row].Length + step - 1;
                    for (var v = 0; v < config.VocabSize; v++)
                    {
                        maxDifference = Math.Max(maxDifference, Math.Abs(logits[row, position, v] - reference[row][referencePosition, v]));
                    }
                }
            }
            past = results.Where(r => r.Name.StartsWith("present", StringComparison.Ordinal))
                .Select(r => NamedOnnxValue.CreateFromTensor(r.Name.Replace("present", "past_key_values", StringComparison.Ordinal), r.AsTensor<float>().ToDenseTensor()))
                .ToList();
            if (step < decodeSteps)
            {
                inputIds = decodeTokens.Select(tokens => (long)tokens[step]).ToArray();
                mask = mask.Select(m => m.Append(1L).ToArray()).ToList();
            }
        }

        TestContext.Current.SendDiagnosticMessage($"max diff {maxDifference}");
        Assert.True(maxDifference <= 1e-3f, $"max |ONNX - TorchSharp| = {maxDifference}");
    }

    [Fact]
    public void Onnx_runtime_genai_greedy_tokens_in_one_batch_equal_torchsharp_greedy_tokens()
    {
        const int newTokens = 32;
        var config = exported.Config;
        var stopIds = config.EosTokenIds.ToHashSet();
        var expected = Prompts.Select(p => GreedyDecoder.Generate(exported.Torch, p, newTokens, stopIds).ToArray()).ToArray();

        var width = Prompts.Max(p => p.Length);
        using var model = new Model(exported.Folder);
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("batch_size", Prompts.Length);
        parameters.SetSearchOption("max_length", width + newTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Microsoft.ML.OnnxRuntimeGenAI.Generator(model, parameters);
        // GenAI expects the batch right-padded with the pad token (the first end token).
        generator.AppendTokens(Prompts.SelectMany(p => p.Concat(Enumerable.Repeat(config.EosTokenIds[0], width - p.Length))).ToArray());
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
        }

        for (var row = 0; row < Prompts.Length; row++)
        {
            var generated = generator.GetSequence((ulong)row).ToArray().Skip(width).ToArray();
            var stop = Array.FindIndex(generated, stopIds.Contains);
            var actual = stop < 0 ? generated : generated[..(stop + 1)];
            Assert.Equal(expected[row], actual);
        }
        Assert.Contains(expected, tokens => tokens.Length == newTokens);
    }

    private float[,] TorchLogits(int[] tokens)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = exported.Torch.forward(tensor(tokens.Select(t => (long)t).ToArray(), [1, tokens.Length]));
        var values = logits.squeeze(0).cpu().data<float>().ToArray();
        var result = new float[tokens.Length, exported.Config.VocabSize];
        Buffer.BlockCopy(values, 0, result, 0, values.Length * sizeof(float));
        return result;
    }

    private static List<NamedOnnxValue> EmptyCache(LlamaConfig config, int batch)
    {
        var cache = new List<NamedOnnxValue>();
        for (var layer = 0; layer < config.NumHiddenLayers; layer++)
        {
            foreach (var kind in new[] { "key", "value" })
            {
                cache.Add(NamedOnnxValue.CreateFromTensor($"past_key_values.{layer}.{kind}",
                    new DenseTensor<float>([batch, config.NumKeyValueHeads, 0, config.HeadDim])));
            }
        }
        return cache;
    }

    /// <summary>One random decoder, exported once for the whole class.</summary>
    public sealed class ExportedModel : IDisposable
    {
        private readonly DirectoryInfo workspace = Directory.CreateTempSubdirectory("vpo-parity-");

        public ExportedModel()
        {
            Config = new LlamaConfig
            {
                VocabSize = 320, HiddenSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2,
                IntermediateSize = 160, MaxPositionEmbeddings = 256, RopeTheta = 10000, BosTokenId = 300, EosTokenIds = [301, 302],
            };
            manual_seed(1234);
            Torch = new LlamaForCausalLM(Config);
            Torch.eval();
            // Larger-than-init weights make the logits peaked, so greedy choices do not hinge on rounding.
            using (no_grad())
            {
                foreach (var (name, parameter) in Torch.named_parameters())
                {
                    if (parameter.dim() == 2) parameter.normal_(0, 0.15);
                }
            }
            var tokenizer = Path.Combine(workspace.FullName, "tokenizer");
            TestTokenizerFolder.Write(tokenizer);
            Folder = Path.Combine(workspace.FullName, "model");
            OnnxExporter.ExportAsync(Config, new ModuleWeightSource(Torch), tokenizer, Folder).GetAwaiter().GetResult();
        }

        public LlamaConfig Config { get; }
        public LlamaForCausalLM Torch { get; }
        public string Folder { get; }

        public void Dispose()
        {
            Torch.Dispose();
            workspace.Delete(recursive: true);
        }
    }
}
