namespace Vpo.Training.Tokenization;

/// <summary>The Llama 3 special tokens, spelt as they appear in <c>tokenizer.json</c> and in rendered chats.</summary>
public static class SpecialTokenNames
{
    /// <summary>Starts every sequence; Llama 3's <c>bos_token</c>.</summary>
    public const string BeginOfText = "<|begin_of_text|>";

    /// <summary>Ends a document in pretraining text.</summary>
    public const string EndOfText = "<|end_of_text|>";

    /// <summary>Opens a chat turn's role header.</summary>
    public const string StartHeader = "<|start_header_id|>";

    /// <summary>Closes a chat turn's role header.</summary>
    public const string EndHeader = "<|end_header_id|>";

    /// <summary>Ends a chat turn; the chat model's <c>eos_token</c>, where generation stops.</summary>
    public const string EndOfTurn = "<|eot_id|>";

    /// <summary>The specials in the order their ids follow the learned vocabulary.</summary>
    public static IReadOnlyList<string> All { get; } = [BeginOfText, EndOfText, StartHeader, EndHeader, EndOfTurn];
}
