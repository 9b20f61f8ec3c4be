using Vpo.Training.Construction.Stages;
using Vpo.Training.Construction.Video;

namespace Vpo.Training.Construction.Reward;

/// <summary>
/// Asks the reward endpoint VisionReward's checklist about each rendered video and scores the answers. An answer list
/// of the wrong length, or an answer that is neither yes nor no, is malformed and asked again. The video is sent as
/// the saved file (a <c>data:</c> URI), or, with <paramref name="preferSourceUrl"/>, as the backend's URL when it gave
/// one (less traffic, but hosted outputs expire: Replicate's after an hour).
/// </summary>
public sealed class RewardStage(IVideoChecklistClient client, VisionRewardChecklist checklist, string videoFolder, bool preferSourceUrl = false)
    : IConstructionStage<RenderedVideo, VideoReward>
{
    /// <inheritdoc />
    public string Name => "reward";

    /// <inheritdoc />
    public StageItem Describe(RenderedVideo input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(input.Key, input.Query);
    }

    /// <inheritdoc />
    public async Task<StageOutcome<VideoReward>> ProcessAsync(RenderedVideo input, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var video = preferSourceUrl && input.Source is { } url ? url : await DataUriAsync(Path.Combine(videoFolder, input.Video), cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> answers;
        try
        {
            answers = await client.AskAsync(video, checklist.QuestionsFor(input.Query), cancellationToken).ConfigureAwait(false);
        }
        catch (RewardAnswerException ex)
        {
            return StageOutcome<VideoReward>.Malformed(ex.Message, ex.Answer);
        }

        var yes = new bool[answers.Count];
        for (var i = 0; i < answers.Count; i++)
        {
            if (YesNoAnswer.Parse(answers[i]) is not { } parsed)
            {
                return StageOutcome<VideoReward>.Malformed($"answer {i + 1} (\"{answers[i]}\") is neither yes nor no", string.Join("\n", answers));
            }

            yes[i] = parsed;
        }

        return StageOutcome<VideoReward>.Done(new VideoReward(input.Key, input.Query, input.Sample, input.Prompt, answers, yes, checklist.Score(yes)));
    }

    private static async Task<string> DataUriAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"rendered video not found: {path} (give --videos the render stage's folder)", path);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return "data:video/mp4;base64," + Convert.ToBase64String(bytes);
    }
}
