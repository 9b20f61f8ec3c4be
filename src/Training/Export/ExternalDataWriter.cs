namespace Vpo.Training.Export;

/// <summary>
/// Appends initializer bytes to the external data file beside model.onnx, so models larger than
/// protobuf's 2 GB message limit export and ONNX Runtime can memory-map the weights.
/// </summary>
internal sealed class ExternalDataWriter(string path) : IDisposable
{
    // ONNX recommends page-aligned offsets so the runtime can map tensors directly.
    private const int Alignment = 4096;
    private readonly FileStream stream = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);

    public string FileName { get; } = System.IO.Path.GetFileName(path);

    public (long Offset, long Length) Append(ReadOnlySpan<byte> data)
    {
        var padding = (int)((Alignment - stream.Position % Alignment) % Alignment);
        if (padding > 0) stream.Write(new byte[padding]);
        var offset = stream.Position;
        stream.Write(data);
        return (offset, data.Length);
    }

    public long Length => stream.Length;

    public void Dispose() => stream.Dispose();
}
