using System.Buffers.Binary;
using System.Text;
using Vpo.Training.Modeling;

namespace Vpo.Training.Tests.Checkpoints;

/// <summary>
/// Writes safetensors files and Hugging Face checkpoint folders byte by byte, independently of the project's
/// writer, so the reader is tested against the format rather than against itself.
/// </summary>
internal static class HandWrittenSafeTensors
{
    public sealed record Entry(string Name, long[] Shape, float[] Values, string DType = "F32");

    public static List<Entry> Entries(LlamaForCausalLM model, string dtype = "F32") =>
        model.state_dict().Select(kv => new Entry(kv.Key, kv.Value.shape, kv.Value.cpu().contiguous().data<float>().ToArray(), dtype)).ToList();

    /// <summary>The float a value becomes after a round trip through <paramref name="dtype"/> (round to nearest even).</summary>
    public static float RoundTrip(float value, string dtype) => dtype switch
    {
        "F16" => (float)(Half)value,
        "BF16" => BitConverter.UInt32BitsToSingle((uint)ToBFloat16Bits(value) << 16),
        _ => value,
    };

    public static byte[] Encode(Entry entry)
    {
        var width = entry.DType == "F32" ? 4 : 2;
        var bytes = new byte[entry.Values.Length * width];
        for (var i = 0; i < entry.Values.Length; i++)
        {
            var slot = bytes.AsSpan(i * width);
            switch (entry.DType)
            {
                case "F32":
                    BinaryPrimitives.WriteSingleLittleEndian(slot, entry.Values[i]);
                    break;
                case "F16":
                    BinaryPrimitives.WriteUInt16LittleEndian(slot, BitConverter.HalfToUInt16Bits((Half)entry.Values[i]));
                    break;
                default:
                    // Any 2-byte type the test names (BF16, or one the reader must reject such as F8 pairs).
                    BinaryPrimitives.WriteUInt16LittleEndian(slot, ToBFloat16Bits(entry.Values[i]));
                    break;
            }
        }
        return bytes;
    }

    public static void WriteFile(string path, IEnumerable<Entry> entries)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        var data = new MemoryStream();
        foreach (var entry in entries)
        {
            var bytes = Encode(entry);
            header.Append($",\"{entry.Name}\":{{\"dtype\":\"{entry.DType}\",\"shape\":[{string.Join(",", entry.Shape)}],\"data_offsets\":[{data.Length},{data.Length + bytes.Length}]}}");
            data.Write(bytes);
        }
        header.Append('}');
        WriteRaw(path, header.ToString(), data.ToArray());
    }

    public static void WriteRaw(string path, string header, byte[] data)
    {
        var headerBytes = Encoding.UTF8.GetBytes(header);
        using var file = File.Create(path);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)headerBytes.Length);
        file.Write(length);
        file.Write(headerBytes);
        file.Write(data);
    }

    /// <summary>A Hugging Face folder: config.json and one model.safetensors, or <paramref name="shards"/> shards and an index.</summary>
    public static void WriteFolder(string directory, LlamaConfig config, IReadOnlyList<Entry> entries, int shards = 1)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJson());
        if (shards == 1)
        {
            WriteFile(Path.Combine(directory, "model.safetensors"), entries);
            return;
        }
        var weightMap = new List<string>();
        var perShard = (entries.Count + shards - 1) / shards;
        for (var s = 0; s < shards; s++)
        {
            var file = $"model-{s + 1:D5}-of-{shards:D5}.safetensors";
            var part = entries.Skip(s * perShard).Take(perShard).ToList();
            WriteFile(Path.Combine(directory, file), part);
            weightMap.AddRange(part.Select(e => $"\"{e.Name}\": \"{file}\""));
        }
        File.WriteAllText(Path.Combine(directory, "model.safetensors.index.json"),
            $"{{\"metadata\": {{\"total_size\": 0}}, \"weight_map\": {{{string.Join(", ", weightMap)}}}}}");
    }

    private static ushort ToBFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var roundingBias = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + roundingBias) >> 16);
    }
}
