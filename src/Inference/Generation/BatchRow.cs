namespace Vpo.Inference.Generation;

/// <summary>One prompt in a generator run, with the token its caller cancels it by and how its answer is built.</summary>
/// <param name="promptTokens">The templated prompt's token ids.</param>
/// <param name="cancellation">Cancelled when the caller no longer wants the answer (client gone or timed out).</param>
/// <param name="answer">How the tokens become the answer; the optimizer's single paragraph when left out.</param>
public class BatchRow(int[] promptTokens, CancellationToken cancellation, AnswerOptions? answer = null)
{
    /// <summary>The templated prompt's token ids.</summary>
    public int[] PromptTokens { get; } = promptTokens ?? throw new ArgumentNullException(nameof(promptTokens));

    /// <summary>Cancelled when the caller no longer wants the answer.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>How the tokens become the answer and who watches it grow.</summary>
    public AnswerOptions Answer { get; } = answer ?? AnswerOptions.Paragraph;
}
