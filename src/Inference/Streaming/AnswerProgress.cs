namespace Vpo.Inference.Streaming;

/// <summary>What an answer gained with its latest token.</summary>
/// <param name="Delta">The text appended to the answer (empty when the token settled nothing yet).</param>
/// <param name="CompletionTokens">Tokens generated for the answer so far.</param>
public readonly record struct AnswerProgress(string Delta, int CompletionTokens);
