namespace Vpo.Inference.Video;

/// <summary>Where a rendered video is.</summary>
/// <param name="Output">An http(s) URL or a <c>data:</c> URI (Cog answers with one when it uploads nowhere).</param>
/// <param name="PredictionId">The backend's id of the prediction, when it gave one.</param>
public sealed record GeneratedVideo(string Output, string? PredictionId);
