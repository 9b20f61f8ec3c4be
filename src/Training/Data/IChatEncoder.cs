namespace Vpo.Training.Data;

/// <summary>
/// What the trainers need from a tokenizer: the model's own chat rendering (so training sees exactly what the
/// service sends at inference) and plain encoding for pretraining text.
/// </summary>
public interface IChatEncoder
{
    /// <summary>The id that ends a document in packed pretraining text; also used to pad batches (padding is masked).</summary>
    int EndOfTextId { get; }

    /// <summary>Renders one user turn and one assistant turn (with its end-of-turn token) in the chat template.</summary>
    ChatTokens EncodeChat(string userMessage, string assistantMessage);

    /// <summary>Encodes plain text, optionally preceded by the begin-of-text token.</summary>
    IReadOnlyList<int> Encode(string text, bool addBeginOfText);
}
