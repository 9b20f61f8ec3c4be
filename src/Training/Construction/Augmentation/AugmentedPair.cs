using System.Text.Json.Serialization;

namespace Vpo.Training.Construction.Augmentation;

/// <summary>
/// A line of an augmented SFT file: <c>query</c> and <c>prompt</c> are what <c>vpo-train sft</c> reads; the rest tells
/// an original (no swaps) from a variant and which seed line it came from.
/// </summary>
public sealed record AugmentedPair(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("source_line")] int SourceLine,
    [property: JsonPropertyName("swaps")] IReadOnlyList<WordSwap> Swaps);
