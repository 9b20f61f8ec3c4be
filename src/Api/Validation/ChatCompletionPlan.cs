using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Streaming;

namespace Vpo.Api.Validation;

/// <summary>A validated chat completion request: what to run.</summary>
/// <param name="Messages">The conversation, roles in the spelling templates expect.</param>
/// <param name="Options">Search options with the defaults filled in (the seed is choice 0's).</param>
/// <param name="Stop">Stop strings, matched on the generated text.</param>
/// <param name="Choices">How many answers to generate (<c>n</c>).</param>
/// <param name="Stream">Whether to answer with server-sent events.</param>
/// <param name="IncludeUsage">Whether a streamed answer ends with a usage chunk.</param>
public sealed record ChatCompletionPlan(
    IReadOnlyList<ChatMessage> Messages, SamplingOptions Options, IReadOnlyList<string> Stop, int Choices, bool Stream, bool IncludeUsage)
{
    /// <summary>
    /// The generation of choice <paramref name="choice"/>. Seeded sampling gives choice <c>i</c> the seed + <c>i</c>
    /// (wrapping within 0..2147483647): one seed for all would only repeat one answer, since seeded rows run alone.
    /// </summary>
    public GenerationJob Job(int choice, Action<AnswerProgress>? onProgress)
    {
        var options = Options is { IsGreedy: false, Seed: { } seed } ? Options with { Seed = (int)((seed + (long)choice) % (int.MaxValue + 1L)) } : Options;
        return new GenerationJob(Messages, options, new AnswerOptions(AnswerFormat.Raw, Stop, onProgress));
    }
}
