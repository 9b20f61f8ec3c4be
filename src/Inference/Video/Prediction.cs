using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Inference.Video;

/// <summary>A prediction object of the Cog / Replicate protocol (fields this client reads).</summary>
internal sealed record Prediction
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><c>starting</c>, <c>processing</c>, <c>succeeded</c>, <c>failed</c>, <c>canceled</c> (or <c>aborted</c>).</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("output")]
    public JsonElement Output { get; init; }

    [JsonPropertyName("error")]
    public JsonElement Error { get; init; }

    [JsonPropertyName("urls")]
    public PredictionUrls? Urls { get; init; }

    public bool IsRunning => Status is "starting" or "processing";

    public bool IsSucceeded => Status == "succeeded";
}

/// <summary>The links of a Replicate prediction.</summary>
internal sealed record PredictionUrls
{
    [JsonPropertyName("get")]
    public string? Get { get; init; }

    [JsonPropertyName("cancel")]
    public string? Cancel { get; init; }
}
