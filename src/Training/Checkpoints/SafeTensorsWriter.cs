using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using static TorchSharp.torch;

namespace Vpo.Training.Checkpoints;

/// <summary>
/// Writes tensors as a <c>.safetensors</c> file Hugging Face's loaders read: the header lists the tensors in the
/// order given, padded with spaces so the data starts 8-byte aligned, and the data is each tensor's contiguous
/// little-endian bytes, back to back. The file appears atomically (written beside it, then moved into place).
/// </summary>
public static class SafeTensorsWriter
{
    private const int ChunkBytes = 64 * 1024 * 1024;

    /// <summary>Metadata Hugging Face transformers expects on PyTorch-layout safetensors files.</summary>
    public static IReadOnlyDictionary<string, string> PyTorchMetadata { get; } = new Dictionary<string, string> { ["format"] = "pt" };

    /// <summary>Writes <paramref name="tensors"/> (any device; copied to the CPU as needed) to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">Two tensors share a name, or a tensor's type has no safetensors name.</exception>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; this writer needs a little-endian host");
        }
        var entries = tensors.ToList();
        var header = BuildHeader(entries, metadata ?? PyTorchMetadata);

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        var temporary = path + ".partial";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                stream.Write(length);
                stream.Write(header);
                foreach (var (_, tensor) in entries)
                {
                    WriteData(stream, tensor);
                }
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Bytes the data of <paramref name="tensor"/> takes in a safetensors file.</summary>
    public static long DataBytes(Tensor tensor) => tensor.NumberOfElements * SafeTensorsDType.ElementSize(tensor.dtype);

    private static byte[] BuildHeader(List<KeyValuePair<string, Tensor>> entries, IReadOnlyDictionary<string, string> metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                if (name == "__metadata__" || !names.Add(name))
                {
                    throw new ArgumentException($"tensor name {name} is reserved or used twice", nameof(entries));
                }
                var bytes = DataBytes(tensor);
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDType.NameOf(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var size in tensor.shape)
                {
                    json.WriteNumberValue(size);
                }
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        var header = buffer.ToArray();
        var padding = (8 - (8 + header.Length) % 8) % 8;
        return padding == 0 ? header : [.. header, .. Encoding.ASCII.GetBytes(new string(' ', padding))];
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        var count = tensor.NumberOfElements;
        if (count == 0)
        {
            return;
        }
        using var scope = NewDisposeScope();
        var flat = tensor.detach().cpu().contiguous().view(-1);
        var elementsPerChunk = ChunkBytes / SafeTensorsDType.ElementSize(tensor.dtype);
        for (long start = 0; start < count; start += elementsPerChunk)
        {
            var length = Math.Min(elementsPerChunk, count - start);
            stream.Write(flat.narrow(0, start, length).bytes);
        }
    }
}
