namespace Vpo.Training.Modeling;

// Temporary stand-in with the agreed contract; replaced by the modeling branch's LlamaConfig at merge.
public sealed record LlamaConfig
{
    public int VocabSize { get; init; }
    public int HiddenSize { get; init; }
    public int NumHiddenLayers { get; init; }
    public int NumAttentionHeads { get; init; }
    public int NumKeyValueHeads { get; init; }
    public int IntermediateSize { get; init; }
    public double RopeTheta { get; init; } = 500000;
    public double RmsNormEps { get; init; } = 1e-5;
    public int MaxPositionEmbeddings { get; init; }
    public bool TieWordEmbeddings { get; init; }
    public int BosTokenId { get; init; }
    public int EosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? HeadDim { get; init; }
}
