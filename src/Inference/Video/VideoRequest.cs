using System.Text.Json.Nodes;

namespace Vpo.Inference.Video;

/// <summary>One video to render.</summary>
/// <param name="Prompt">The (optimized) video prompt.</param>
/// <param name="Input">More model inputs for this video (seed, negative prompt, frames...), merged over the backend's defaults.</param>
public sealed record VideoRequest(string Prompt, JsonObject? Input = null);
