using Vpo.Training.Data;

namespace Vpo.Training.Tests.Support;

/// <summary>
/// A word-level stand-in for the project's tokenizer in trainer tests: ids are handed out per distinct word,
/// and chats are rendered in Llama 3's shape (begin, header, user turn, end-of-turn, assistant header, response, end-of-turn).
/// </summary>
internal sealed class WordChatEncoder(int vocabularySize = 1024) : IChatEncoder
{
    public const int BeginOfText = 1;
    public const int EndOfText = 2;
    public const int StartHeader = 3;
    public const int EndHeader = 4;
    public const int EndOfTurn = 5;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int EndOfTextId => EndOfText;

    public string? LastUserMessage { get; private set; }

    public int VocabularySize => vocabularySize;

    public ChatTokens EncodeChat(string userMessage, string assistantMessage)
    {
        LastUserMessage = userMessage;
        var ids = new List<int> { BeginOfText, StartHeader, Word("user"), EndHeader };
        ids.AddRange(Words(userMessage));
        ids.AddRange([EndOfTurn, StartHeader, Word("assistant"), EndHeader]);
        var responseStart = ids.Count;
        ids.AddRange(Words(assistantMessage));
        ids.Add(EndOfTurn);
        return new ChatTokens(ids, responseStart);
    }

    public IReadOnlyList<int> Encode(string text, bool addBeginOfText)
    {
        var ids = new List<int>();
        if (addBeginOfText)
        {
            ids.Add(BeginOfText);
        }

        ids.AddRange(Words(text));
        return ids;
    }

    private IEnumerable<int> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Word).ToList();

    private int Word(string word)
    {
        if (!_ids.TryGetValue(word, out var id))
        {
            id = 6 + _ids.Count;
            if (id >= vocabularySize)
            {
                throw new InvalidOperationException($"The test vocabulary of {vocabularySize} ids is full.");
            }

            _ids[word] = id;
        }

        return id;
    }
}
