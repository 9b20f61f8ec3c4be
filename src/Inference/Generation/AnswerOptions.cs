using Vpo.Inference.Streaming;

namespace Vpo.Inference.Generation;

/// <summary>How a row's tokens become its answer, and who watches the answer grow.</summary>
/// <param name="Format">One paragraph (optimizer) or the raw text (chat).</param>
/// <param name="StopStrings">
/// Texts that end the answer where they first appear in the generated text (they may span tokens); the answer stops
/// before them and the row stops generating. Only <see cref="AnswerFormat.Raw"/> answers take them.
/// </param>
/// <param name="OnProgress">
/// Called on the scheduler's generator thread after every generated token with the text the answer gained (often
/// empty: a token may end in the middle of a character or of a possible stop string), and once more when the row
/// ends with whatever was held back. It must return at once (hand the piece to a channel); an exception it throws
/// stops further calls for that row and nothing else.
/// </param>
public sealed record AnswerOptions(AnswerFormat Format, IReadOnlyList<string> StopStrings, Action<AnswerProgress>? OnProgress)
{
    /// <summary>The optimizer's answer, not watched.</summary>
    public static AnswerOptions Paragraph { get; } = new(AnswerFormat.SingleParagraph, [], null);
}
