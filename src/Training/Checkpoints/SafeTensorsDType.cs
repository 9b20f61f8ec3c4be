using static TorchSharp.torch;

namespace Vpo.Training.Checkpoints;

/// <summary>The safetensors element type names (<c>F32</c>, <c>BF16</c>, ...) and the TorchSharp types they map to.</summary>
public static class SafeTensorsDType
{
    private static readonly Dictionary<string, ScalarType> ByName = new(StringComparer.Ordinal)
    {
        ["F64"] = ScalarType.Float64,
        ["F32"] = ScalarType.Float32,
        ["F16"] = ScalarType.Float16,
        ["BF16"] = ScalarType.BFloat16,
        ["I64"] = ScalarType.Int64,
        ["I32"] = ScalarType.Int32,
        ["I16"] = ScalarType.Int16,
        ["I8"] = ScalarType.Int8,
        ["U8"] = ScalarType.Byte,
        ["BOOL"] = ScalarType.Bool,
    };

    /// <summary>The names this reader and writer support, for error messages.</summary>
    public static string Supported => string.Join(", ", ByName.Keys);

    /// <summary>The TorchSharp type for a safetensors dtype name, or false for types TorchSharp cannot hold (e.g. F8_E4M3).</summary>
    public static bool TryGetScalarType(string name, out ScalarType type) => ByName.TryGetValue(name, out type);

    /// <summary>The safetensors dtype name for a TorchSharp type.</summary>
    /// <exception cref="ArgumentException">The type has no safetensors name here.</exception>
    public static string NameOf(ScalarType type)
    {
        foreach (var (name, scalarType) in ByName)
        {
            if (scalarType == type)
            {
                return name;
            }
        }
        throw new ArgumentException($"tensors of type {type} cannot be written to safetensors; supported: {Supported}", nameof(type));
    }

    /// <summary>Bytes per element of a safetensors dtype this reader supports.</summary>
    public static int ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentException($"no safetensors element size for {type}", nameof(type)),
    };
}
