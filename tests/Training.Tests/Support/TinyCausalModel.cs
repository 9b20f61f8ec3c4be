using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Support;

/// <summary>
/// A one-layer causal transformer for the trainer tests until the Llama decoder lands on main: token and
/// position embeddings, one causal self-attention block, an MLP and an LM head.
/// </summary>
internal sealed class TinyCausalModel : nn.Module<Tensor, Tensor>
{
    private readonly Embedding tokens;
    private readonly Embedding positions;
    private readonly LayerNorm attentionNorm;
    private readonly Linear queryKeyValue;
    private readonly Linear output;
    private readonly LayerNorm mlpNorm;
    private readonly Linear up;
    private readonly Linear down;
    private readonly LayerNorm finalNorm;
    private readonly Linear head;
    private readonly int _hidden;

    public TinyCausalModel(int vocabularySize, int hidden = 32, int maxPositions = 512)
        : base(nameof(TinyCausalModel))
    {
        _hidden = hidden;
        tokens = nn.Embedding(vocabularySize, hidden);
        positions = nn.Embedding(maxPositions, hidden);
        attentionNorm = nn.LayerNorm(hidden);
        queryKeyValue = nn.Linear(hidden, 3 * hidden);
        output = nn.Linear(hidden, hidden);
        mlpNorm = nn.LayerNorm(hidden);
        up = nn.Linear(hidden, 4 * hidden);
        down = nn.Linear(4 * hidden, hidden);
        finalNorm = nn.LayerNorm(hidden);
        head = nn.Linear(hidden, vocabularySize, hasBias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var length = inputIds.shape[1];
        var x = tokens.forward(inputIds) + positions.forward(arange(length, device: inputIds.device));
        var qkv = queryKeyValue.forward(attentionNorm.forward(x)).chunk(3, -1);
        var scores = qkv[0].matmul(qkv[1].transpose(1, 2)) / Math.Sqrt(_hidden);
        var future = ones(length, length, dtype: ScalarType.Bool, device: inputIds.device).triu(1);
        var attention = scores.masked_fill(future, float.NegativeInfinity).softmax(-1).matmul(qkv[2]);
        x = x + output.forward(attention);
        x = x + down.forward(nn.functional.gelu(up.forward(mlpNorm.forward(x))));
        return head.forward(finalNorm.forward(x)).MoveToOuterDisposeScope();
    }
}
