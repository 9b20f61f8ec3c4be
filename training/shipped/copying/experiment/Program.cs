using Vpo.Training.Diagnostics;
using Vpo.Training.Modeling;
using Vpo.Training.Objectives;
using static TorchSharp.torch;

// Trains a from-scratch Llama on the RepeatedSpans task (random tokens, a span of 6-12 written twice) and prints, every 100
// updates, the loss on a span's first occurrence and on its repeat (CopyingProbe). Only reading the context can
// predict a repeat, so the update at which the repeat's loss falls is when copying formed.
//   copying-experiment --vocab 8000 --hidden 64 --layers 2 --tied --steps 1000 --lr 1e-3
var vocabulary = Arg("--vocab", 64);
var hidden = Arg("--hidden", 64);
var layers = Arg("--layers", 2);
var steps = Arg("--steps", 1000);
var learningRate = double.Parse(ArgText("--lr") ?? "1e-3", System.Globalization.CultureInfo.InvariantCulture);
var tied = args.Contains("--tied");
const int BatchSize = 32;
const int RowLength = 32;
const int SpanLength = 12;
const int BeginOfText = 0;

var config = new LlamaConfig
{
    VocabSize = vocabulary,
    HiddenSize = hidden,
    IntermediateSize = 2 * hidden,
    NumHiddenLayers = layers,
    NumAttentionHeads = 4,
    HeadDim = hidden / 4,
    RopeTheta = 10000,
    MaxPositionEmbeddings = 64,
    TieWordEmbeddings = tied,
    BosTokenId = BeginOfText,
    EosTokenIds = [1],
};
using var generator = new Generator(7, CPU);
using var model = new LlamaForCausalLM(config, generator: generator);
using var optimizer = optim.AdamW(model.parameters(), learningRate, weight_decay: 0.0);
var random = new Random(11);
Console.WriteLine($"vocab {vocabulary}, hidden {hidden}, layers {layers}, tied {tied}, lr {learningRate}, batch {BatchSize} x {RowLength}");

for (var step = 1; step <= steps; step++)
{
    using var scope = NewDisposeScope();
    model.train();
    var rows = Enumerable.Range(0, BatchSize).SelectMany(_ => RepeatedSpans.Row(random, RowLength, vocabulary, BeginOfText, 6, SpanLength)).Select(id => (long)id).ToArray();
    var input = tensor(rows, [BatchSize, RowLength]);
    var loss = CausalLmLoss.Compute(model.forward(input), input);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    if (step % 100 == 0)
    {
        var probe = CopyingProbe.Measure(model, Enumerable.Range(0, 50).Select(_ => Span(random.Next(6, SpanLength + 1))), BeginOfText);
        Console.WriteLine($"update {step}: first occurrence {probe.FirstOccurrenceLoss:F2}, repeat {probe.SecondOccurrenceLoss:F2}, gain {probe.Gain:F2}");
    }
}

int[] Span(int length) => RepeatedSpans.RandomTokens(random, length, vocabulary);

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
