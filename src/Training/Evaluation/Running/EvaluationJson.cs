using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Evaluation.Running;

/// <summary>The JSON settings of the evaluation's files: camelCase, enums as names, readable non-ASCII text.</summary>
public static class EvaluationJson
{
    /// <summary>One record per line.</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>For the report file.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
