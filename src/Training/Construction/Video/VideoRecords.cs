using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Video;

/// <summary>A sample that passed the text-level check, to be rendered.</summary>
/// <param name="Key">The sample's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Sample">The sample's index.</param>
/// <param name="Prompt">The sample.</param>
public sealed record PromptToRender(string Key, string Query, int Sample, string Prompt);

/// <summary>A rendered sample.</summary>
/// <param name="Key">The sample's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Sample">The sample's index.</param>
/// <param name="Prompt">The sample.</param>
/// <param name="Video">The video's file name in the videos folder.</param>
/// <param name="Source">The backend's http(s) URL of the video, when it gave one (the reward endpoint may fetch it there).</param>
/// <param name="PredictionId">The backend's prediction id.</param>
/// <param name="Bytes">The video's size.</param>
public sealed record RenderedVideo(string Key, string Query, int Sample, string Prompt, string Video, string? Source, string? PredictionId, long Bytes) : IKeyedRecord;
