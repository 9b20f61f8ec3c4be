namespace Vpo.Inference.Video;

/// <summary>A text-to-video backend: renders one prompt into one short video.</summary>
public interface IVideoGenerator
{
    /// <summary>Renders <paramref name="request"/>; the answer says where the video is.</summary>
    /// <exception cref="VideoGenerationException">The backend failed the prediction or answered with something unusable.</exception>
    Task<GeneratedVideo> GenerateAsync(VideoRequest request, CancellationToken cancellationToken);
}
