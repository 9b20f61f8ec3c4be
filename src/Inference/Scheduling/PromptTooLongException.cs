namespace Vpo.Inference.Scheduling;

/// <summary>The templated prompt leaves no room in the model's context for an answer.</summary>
public sealed class PromptTooLongException(int promptTokens, int contextLength)
    : Exception($"The query makes a prompt of {promptTokens} tokens, which leaves no room for an answer in the model's context of {contextLength} tokens.")
{
    /// <summary>Tokens in the templated prompt.</summary>
    public int PromptTokens { get; } = promptTokens;

    /// <summary>The model's context window.</summary>
    public int ContextLength { get; } = contextLength;
}
