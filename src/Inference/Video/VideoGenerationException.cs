namespace Vpo.Inference.Video;

/// <summary>A video backend failed a prediction, or answered with something that is not a prediction.</summary>
/// <param name="message">What went wrong, naming the field or status concerned.</param>
/// <param name="predictionId">The prediction concerned, when known.</param>
/// <param name="innerException">The underlying failure, if any.</param>
public sealed class VideoGenerationException(string message, string? predictionId = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The prediction concerned, when known.</summary>
    public string? PredictionId { get; } = predictionId;
}
