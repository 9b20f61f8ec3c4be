using static TorchSharp.torch;

namespace Vpo.Training.Checkpoints;

/// <summary>
/// One entry of a safetensors header: the tensor's element type, shape and byte range
/// (<c>data_offsets</c>, relative to the end of the header).
/// </summary>
public sealed record SafeTensorInfo(string Name, string DType, ScalarType ScalarType, IReadOnlyList<long> Shape, long DataBegin, long DataEnd)
{
    /// <summary>Number of elements (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    /// <summary>The shape as text, e.g. <c>[128256, 4096]</c>, for messages.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
