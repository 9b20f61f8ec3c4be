using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;
using Vpo.Inference.Streaming;

namespace Vpo.Inference.Tests.Streaming;

// Through the real generator: the builder decodes with the runtime's incremental decoder.
public sealed class AnswerBuilderTests(TinyModel model)
{
    private static readonly SamplingOptions Greedy = new(0, 1, 40, null, MinNewTokens: 40);

    private static readonly ChatMessage[] Chat = [new(ChatRole.User, "Describe a cat playing piano.")];

    private sealed record Watched(RowOutcome Outcome, List<AnswerProgress> Progress)
    {
        public string Streamed => string.Concat(Progress.Select(progress => progress.Delta));
    }

    private Watched Run(AnswerFormat format, IReadOnlyList<string> stops, SamplingOptions options, IReadOnlyList<ChatMessage>? chat = null)
    {
        var progress = new List<AnswerProgress>();
        var row = new BatchRow(model.Host.EncodeChat(chat ?? Chat), CancellationToken.None, new AnswerOptions(format, stops, progress.Add));
        RowOutcome? outcome = null;
        new BatchGenerator(model.Host).Run([row], options, (_, finished) => outcome = finished, CancellationToken.None);
        return new Watched(outcome!, progress);
    }

    // The text each token added, by running once without stop strings (nothing is held back then).
    private List<string> PiecesPerToken(SamplingOptions options)
    {
        var watched = Run(AnswerFormat.Raw, [], options);
        return [.. watched.Progress.Take(watched.Outcome.Tokens.Count).Select(progress => progress.Delta)];
    }

    [Theory]
    [InlineData(AnswerFormat.Raw)]
    [InlineData(AnswerFormat.SingleParagraph)]
    public void The_streamed_pieces_add_up_to_the_answer(AnswerFormat format)
    {
        var watched = Run(format, [], Greedy);

        Assert.NotEmpty(watched.Outcome.Text);
        Assert.Equal(watched.Outcome.Text, watched.Streamed);
        // One report per token and a last one when the row ends, counting tokens as they come.
        Assert.Equal(watched.Outcome.Tokens.Count + 1, watched.Progress.Count);
        Assert.Equal(Enumerable.Range(1, watched.Outcome.Tokens.Count), watched.Progress.SkipLast(1).Select(progress => progress.CompletionTokens));
    }

    [Fact]
    public void The_streamed_paragraph_is_the_unstreamed_optimizer_answer()
    {
        var streamedRow = new List<AnswerProgress>();
        var prompt = model.Host.EncodePrompt("a cat playing piano");
        RowOutcome? plain = null, streamed = null;

        new BatchGenerator(model.Host).Run([new BatchRow(prompt, CancellationToken.None)], Greedy, (_, outcome) => plain = outcome, CancellationToken.None);
        new BatchGenerator(model.Host).Run(
            [new BatchRow(prompt, CancellationToken.None, AnswerOptions.Paragraph with { OnProgress = streamedRow.Add })],
            Greedy, (_, outcome) => streamed = outcome, CancellationToken.None);

        Assert.Equal(plain!.Text, streamed!.Text);
        Assert.Equal(plain.Tokens, streamed.Tokens);
        Assert.Equal(plain.Text, string.Concat(streamedRow.Select(progress => progress.Delta)));
    }

    [Fact]
    public void A_stop_string_spanning_tokens_ends_the_answer_before_it()
    {
        var pieces = PiecesPerToken(Greedy);
        var text = string.Concat(pieces);
        // The first token boundary whose neighbourhood spells a string found nowhere earlier in the answer.
        for (var boundary = 1; boundary < pieces.Count - 1; boundary++)
        {
            var before = pieces[boundary - 1];
            var after = pieces[boundary];
            if (before.Length == 0 || after.Length == 0)
            {
                continue;
            }

            var stop = before[^Math.Min(2, before.Length)..] + after[..Math.Min(2, after.Length)];
            var expectedAt = string.Concat(pieces.Take(boundary)).Length - Math.Min(2, before.Length);
            if (text.IndexOf(stop, StringComparison.Ordinal) != expectedAt)
            {
                continue;
            }

            var watched = Run(AnswerFormat.Raw, [stop], Greedy);

            Assert.Equal(text[..expectedAt], watched.Outcome.Text);
            Assert.Equal(FinishReason.Stop, watched.Outcome.FinishReason);
            // The row stopped at the token that completed the stop string, not at the budget.
            Assert.Equal(boundary + 1, watched.Outcome.Tokens.Count);
            Assert.Equal(watched.Outcome.Text, watched.Streamed);
            Assert.DoesNotContain(stop, watched.Streamed, StringComparison.Ordinal);
            return;
        }

        Assert.Fail($"no token boundary of the greedy answer gave a usable stop string: {string.Join("|", pieces)}");
    }

    [Fact]
    public void A_stop_string_that_never_completes_is_shown_once_the_answer_ends()
    {
        var text = string.Concat(PiecesPerToken(Greedy));
        // The answer's last two characters followed by a character it does not end with: a prefix is held back to the end.
        var stop = text[^2..] + "\u2603";

        var watched = Run(AnswerFormat.Raw, [stop], Greedy);

        Assert.Equal(text, watched.Outcome.Text);
        Assert.Equal(FinishReason.Length, watched.Outcome.FinishReason);
        Assert.Equal(text, watched.Streamed);
        Assert.Equal(text[^2..], watched.Progress[^1].Delta);
    }
}
