using Vpo.Training.Tokenization;

namespace Vpo.Training.Data;

/// <summary>The project's tokenizer as the trainers see it: Llama 3 chat rendering and plain encoding.</summary>
/// <param name="tokenizer">The loaded tokenizer.</param>
public sealed class VpoTokenizerChatEncoder(VpoTokenizer tokenizer) : IChatEncoder
{
    /// <inheritdoc />
    public int EndOfTextId => tokenizer.SpecialTokens.EndOfText;

    /// <summary>Rows the model's embedding needs.</summary>
    public int VocabularySize => tokenizer.VocabularySize;

    /// <inheritdoc />
    public ChatTokens EncodeChat(string userMessage, string assistantMessage)
    {
        var encoding = tokenizer.EncodeChat(userMessage, assistantMessage);
        return new ChatTokens(encoding.Ids, encoding.ResponseStart);
    }

    /// <inheritdoc />
    public IReadOnlyList<int> Encode(string text, bool addBeginOfText) => tokenizer.Encode(text, addBeginOfText);
}
