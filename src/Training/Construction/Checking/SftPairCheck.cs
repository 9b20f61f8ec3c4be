using System.Text.Json.Serialization;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Checking;

/// <summary>The automatic checks' verdict on one SFT pair, as <c>data check-sft --output</c> writes it.</summary>
public sealed record SftPairCheck(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("line")] int Line,
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("failures")] IReadOnlyList<FailureKind> Failures,
    [property: JsonPropertyName("coverage")] double? Coverage,
    [property: JsonPropertyName("missing_words")] IReadOnlyList<string> MissingWords,
    [property: JsonPropertyName("words")] int Words);
