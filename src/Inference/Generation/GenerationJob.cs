using Vpo.Inference.Prompting;
using Vpo.Inference.Streaming;

namespace Vpo.Inference.Generation;

/// <summary>One row for the scheduler: the chat whose next assistant turn to generate, how to sample it, how to shape it.</summary>
/// <param name="Messages">The chat, rendered with the model's own template (client text is guarded against special tokens).</param>
/// <param name="Options">The search options; see <see cref="SamplingOptions"/>.</param>
/// <param name="Answer">How the tokens become the answer and who watches it grow.</param>
public sealed record GenerationJob(IReadOnlyList<ChatMessage> Messages, SamplingOptions Options, AnswerOptions Answer)
{
    /// <summary>The optimizer's job for <paramref name="query"/>: the VPO instruction as one user turn, answered in one paragraph.</summary>
    public static GenerationJob ForQuery(string query, SamplingOptions options, Action<AnswerProgress>? onProgress = null) =>
        new(VpoChatMessages.For(query), options, AnswerOptions.Paragraph with { OnProgress = onProgress });
}
