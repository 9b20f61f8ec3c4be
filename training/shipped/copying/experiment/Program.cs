using Vpo.Training.Diagnostics;
using Vpo.Training.Modeling;
using static TorchSharp.torch;

// Trains a from-scratch Llama on rows of random tokens that repeat a span of random length and prints, every 100
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
    var rows = Enumerable.Range(0, BatchSize).SelectMany(_ => Row()).Select(id => (long)id).ToArray();
    var input = tensor(rows, [BatchSize, RowLength]);
    var logits = model.forward(input);
    var loss = nn.functional.cross_entropy(logits[.., ..^1, ..].reshape(-1, vocabulary), input[.., 1..].reshape(-1));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    if (step % 100 == 0)
    {
        var probe = CopyingProbe.Measure(model, Enumerable.Range(0, 50).Select(_ => Span(random.Next(6, SpanLength + 1))), BeginOfText);
        Console.WriteLine($"update {step}: first occurrence {probe.FirstOccurrenceLoss:F2}, repeat {probe.SecondOccurrenceLoss:F2}, gain {probe.Gain:F2}");
    }
}

// [bos] noise, then a span of 6-12 tokens and its repeat: the span's length sets the distance to the repeat, so no
// fixed relative position can copy it — only attending to where the current token occurred before (induction).
int[] Row()
{
    var row = new int[RowLength];
    Array.Copy(Span(RowLength - 1), 0, row, 1, RowLength - 1);
    var span = Span(random.Next(6, SpanLength + 1));
    var start = 1 + random.Next(0, RowLength - 1 - (2 * span.Length) + 1);
    Array.Copy(span, 0, row, start, span.Length);
    Array.Copy(span, 0, row, start + span.Length, span.Length);
    return row;
}

int[] Span(int length) => Enumerable.Range(0, length).Select(_ => random.Next(2, vocabulary)).ToArray();

int Arg(string name, int fallback) => ArgText(name) is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

string? ArgText(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
