using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace Vpo.Training.Checkpoints;

/// <summary>
/// Reads a <c>.safetensors</c> file: an 8-byte little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets}, "__metadata__": {...}}</c>, then the raw little-endian tensor bytes.
/// The whole header is validated on open (types, shapes against byte ranges, ranges against the file length), so a
/// bad file fails with <see cref="InvalidCheckpointException"/> before any tensor is allocated. Tensor bytes are read
/// straight from the file into the tensor's storage in bounded chunks, never through one big managed array.
/// </summary>
public sealed class SafeTensorsReader : IDisposable
{
    /// <summary>The format caps the header at 100 MB; a larger length means a corrupt or foreign file.</summary>
    private const long MaxHeaderBytes = 100L * 1024 * 1024;

    private const int ChunkBytes = 64 * 1024 * 1024;

    private readonly SafeFileHandle handle;
    private readonly long dataStart;

    private SafeTensorsReader(string filePath, SafeFileHandle handle, long dataStart,
        IReadOnlyDictionary<string, SafeTensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        FilePath = filePath;
        this.handle = handle;
        this.dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
    }

    /// <summary>The file being read.</summary>
    public string FilePath { get; }

    /// <summary>The tensors the header lists, by name, in header order.</summary>
    public IReadOnlyDictionary<string, SafeTensorInfo> Tensors { get; }

    /// <summary>The header's <c>__metadata__</c> strings (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens and validates <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidCheckpointException">The file is truncated, its header malformed, or a tensor's type unsupported.</exception>
    public static SafeTensorsReader Open(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; this reader needs a little-endian host");
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"safetensors file not found: {path}", path);
        }
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var fileLength = RandomAccess.GetLength(handle);
            if (fileLength < 8)
            {
                throw new InvalidCheckpointException(path, null,
                    $"{path} is truncated: it has {fileLength} bytes, but a safetensors file starts with an 8-byte header length");
            }
            Span<byte> lengthBytes = stackalloc byte[8];
            ReadExactly(handle, lengthBytes, 0, path);
            var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (headerLength > MaxHeaderBytes)
            {
                throw new InvalidCheckpointException(path, null,
                    $"{path} is not a safetensors file: its header length field says {headerLength} bytes (at most {MaxHeaderBytes} allowed)");
            }
            if (8 + (long)headerLength > fileLength)
            {
                throw new InvalidCheckpointException(path, null,
                    $"{path} is truncated: its header needs {headerLength} bytes after the length field but the file has {fileLength - 8}");
            }
            var header = new byte[headerLength];
            ReadExactly(handle, header, 8, path);
            var dataStart = 8 + (long)headerLength;
            var (tensors, metadata) = ParseHeader(path, header, fileLength - dataStart);
            return new SafeTensorsReader(path, handle, dataStart, tensors, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads tensor <paramref name="name"/> onto the CPU, converted to <paramref name="convertTo"/> when given
    /// (e.g. bf16 weights to float32). The caller owns the returned tensor.
    /// </summary>
    /// <exception cref="InvalidCheckpointException">The file has no such tensor, or ended early.</exception>
    public Tensor Read(string name, ScalarType? convertTo = null)
    {
        ObjectDisposedException.ThrowIf(handle.IsClosed, this);
        if (!Tensors.TryGetValue(name, out var info))
        {
            throw new InvalidCheckpointException(FilePath, name, $"{FilePath} has no tensor named {name}");
        }
        var result = empty(info.Shape.ToArray(), dtype: info.ScalarType);
        try
        {
            CopyInto(result, info);
            if (convertTo is { } target && target != info.ScalarType)
            {
                var converted = result.to(target);
                result.Dispose();
                result = converted;
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    private void CopyInto(Tensor destination, SafeTensorInfo info)
    {
        var count = info.ElementCount;
        if (count == 0)
        {
            return;
        }
        var elementSize = SafeTensorsDType.ElementSize(info.ScalarType);
        var elementsPerChunk = ChunkBytes / elementSize;
        using var flat = destination.view(-1);
        for (long start = 0; start < count; start += elementsPerChunk)
        {
            var length = Math.Min(elementsPerChunk, count - start);
            using var chunk = flat.narrow(0, start, length);
            ReadExactly(handle, chunk.bytes, dataStart + info.DataBegin + start * elementSize, FilePath, info.Name);
        }
    }

    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path, string? tensorName = null)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0)
            {
                var what = tensorName is null ? "" : $" while reading tensor {tensorName}";
                throw new InvalidCheckpointException(path, tensorName, $"{path} ended at byte {offset}{what}: the file is truncated");
            }
            buffer = buffer[read..];
            offset += read;
        }
    }

    private static (Dictionary<string, SafeTensorInfo>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw new InvalidCheckpointException(path, null, $"{path} has a header that is not valid JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidCheckpointException(path, null, $"{path} has a header that is not a JSON object");
            }
            var tensors = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }
                var info = ParseEntry(path, property.Name, property.Value);
                if (info.DataEnd > dataLength)
                {
                    throw new InvalidCheckpointException(path, info.Name,
                        $"{path} is truncated: tensor {info.Name} ends at data byte {info.DataEnd} but only {dataLength} data bytes follow the header");
                }
                tensors[info.Name] = info;
            }
            return (tensors, metadata);
        }
    }

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidCheckpointException(path, null, $"{path}: __metadata__ must be an object of strings");
        }
        foreach (var entry in element.EnumerateObject())
        {
            metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : entry.Value.GetRawText();
        }
    }

    private static SafeTensorInfo ParseEntry(string path, string name, JsonElement entry)
    {
        InvalidCheckpointException Bad(string problem) => new(path, name, $"{path}: tensor {name} {problem}");

        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Bad("must be described by an object with dtype, shape and data_offsets");
        }
        if (!entry.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw Bad("has no dtype string");
        }
        var dtype = dtypeElement.GetString()!;
        if (!SafeTensorsDType.TryGetScalarType(dtype, out var scalarType))
        {
            throw Bad($"has dtype {dtype}, which is not supported (supported: {SafeTensorsDType.Supported})");
        }
        if (!entry.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw Bad("has no shape array");
        }
        var shape = new List<long>();
        foreach (var size in shapeElement.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var value) || value < 0)
            {
                throw Bad($"has shape {shapeElement.GetRawText()}; sizes must be non-negative integers");
            }
            shape.Add(value);
        }
        if (!entry.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || !offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            throw Bad("needs data_offsets [begin, end] with 0 <= begin <= end");
        }
        var info = new SafeTensorInfo(name, dtype, scalarType, shape, begin, end);
        long expectedBytes;
        try
        {
            expectedBytes = checked(info.ElementCount * SafeTensorsDType.ElementSize(scalarType));
        }
        catch (OverflowException)
        {
            throw Bad($"has shape {info.ShapeText}, too large to address");
        }
        if (end - begin != expectedBytes)
        {
            throw Bad($"has shape {info.ShapeText} of {dtype}, which needs {expectedBytes} bytes, but its data_offsets [{begin}, {end}] span {end - begin}");
        }
        return info;
    }
}
