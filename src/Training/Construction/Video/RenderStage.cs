using Vpo.Inference.Video;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Video;

/// <summary>
/// Renders each sample that passed the text-level check with the video backend and saves the video as
/// <c>{key}.mp4</c> in the videos folder. A failed prediction or an unusable answer is retried up to the attempt limit.
/// </summary>
public sealed class RenderStage(IVideoGenerator generator, VideoDownloader downloader, string videoFolder) : IConstructionStage<PromptToRender, RenderedVideo>
{
    /// <inheritdoc />
    public string Name => "render";

    /// <inheritdoc />
    public StageItem Describe(PromptToRender input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Key, input.Query);
    }

    /// <inheritdoc />
    public async Task<StageOutcome<RenderedVideo>> ProcessAsync(PromptToRender input, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var video = await generator.GenerateAsync(new VideoRequest(input.Prompt), cancellationToken).ConfigureAwait(false);
            var name = input.Key + ".mp4";
            var bytes = await downloader.SaveAsync(video.Output, Path.Combine(videoFolder, name), cancellationToken).ConfigureAwait(false);
            var source = video.Output.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? null : video.Output;
            return StageOutcome<RenderedVideo>.Done(new RenderedVideo(input.Key, input.Query, input.Sample, input.Prompt, name, source, video.PredictionId, bytes));
        }
        catch (VideoGenerationException ex)
        {
            return StageOutcome<RenderedVideo>.Malformed(ex.Message, null);
        }
    }
}
