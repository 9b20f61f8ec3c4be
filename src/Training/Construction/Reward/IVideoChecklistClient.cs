namespace Vpo.Training.Construction.Reward;

/// <summary>A reward model that answers yes/no questions about a video (VisionReward-Video behind an HTTP endpoint).</summary>
public interface IVideoChecklistClient
{
    /// <summary>The raw answer to each question, in order.</summary>
    /// <param name="video">The video: an http(s) URL the endpoint can fetch, or a <c>data:video/mp4;base64,...</c> URI.</param>
    /// <param name="questions">The questions, placeholders filled.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <exception cref="RewardAnswerException">The endpoint answered with something other than one answer per question.</exception>
    Task<IReadOnlyList<string>> AskAsync(string video, IReadOnlyList<string> questions, CancellationToken cancellationToken);
}
