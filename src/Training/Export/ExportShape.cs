using Vpo.Training.Modeling;

namespace Vpo.Training.Export;

/// <summary>The sizes the exported graph is built from, derived once from the model config.</summary>
internal sealed record ExportShape(
    int VocabSize, int HiddenSize, int Layers, int Heads, int KvHeads, int HeadDim, int IntermediateSize,
    double RopeTheta, double RmsNormEps, int MaxPositions, bool TieWordEmbeddings)
{
    public static ExportShape From(LlamaConfig config) => new(
        config.VocabSize, config.HiddenSize, config.NumHiddenLayers, config.NumAttentionHeads, config.NumKeyValueHeads,
        config.HeadDim, config.IntermediateSize, config.RopeTheta,
        config.RmsNormEps, config.MaxPositionEmbeddings, config.TieWordEmbeddings);
}
