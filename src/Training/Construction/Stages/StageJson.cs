using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Construction.Stages;

/// <summary>The JSON settings of every construction file: camelCase names, readable non-ASCII text, one object a line.</summary>
public static class StageJson
{
    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Queries are in many languages; keep them readable in the files rather than \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        // Enums as lower-case words: the trainers' preference files say "source": "text" | "video".
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
