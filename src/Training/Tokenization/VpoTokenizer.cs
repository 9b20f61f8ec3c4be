using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Vpo.Training.Tokenization;

/// <summary>
/// Encodes and decodes with a Llama 3-style byte-level BPE tokenizer folder through Microsoft.ML.Tokenizers,
/// giving the same ids as ONNX Runtime GenAI's tokenizer for the same files, and renders the Llama 3 chat
/// format for training examples.
/// </summary>
public sealed class VpoTokenizer
{
    private const int MaxCachedPieces = 1 << 18;

    private readonly BpeTokenizer _bpe;
    private readonly PreTokenizer _preTokenizer;
    private readonly TokenizerFiles _files;
    private readonly HashSet<int> _knownIds;
    private readonly ConcurrentDictionary<string, int[]> _pieceCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _pieceLookup;
    private int _cachedPieces;

    /// <summary>Builds the encoder from files already read and checked.</summary>
    public VpoTokenizer(TokenizerFiles files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
        var specials = new Dictionary<string, int>(files.AddedTokens, StringComparer.Ordinal);
        _preTokenizer = new Llama3PreTokenizer(specials.Keys);
        _bpe = BpeTokenizer.Create(new BpeOptions(files.Vocabulary)
        {
            Merges = files.Merges,
            SpecialTokens = specials,
            PreTokenizer = _preTokenizer,
            ByteLevel = true,
        });
        _knownIds = [.. files.Vocabulary.Values, .. files.AddedTokens.Values];
        SpecialTokens = files.SpecialTokens;
        VocabularySize = files.VocabularySize;
        _pieceLookup = _pieceCache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Ids of the Llama 3 special tokens.</summary>
    public SpecialTokens SpecialTokens { get; }

    /// <summary>Rows the model's embedding needs (one past the largest id).</summary>
    public int VocabularySize { get; }

    /// <summary>Reads the tokenizer folder (<c>tokenizer.json</c> + <c>tokenizer_config.json</c>) and builds the encoder.</summary>
    /// <exception cref="TokenizerFileException">A file is missing, is not valid JSON, or a field is missing or wrong.</exception>
    public static async Task<VpoTokenizer> LoadAsync(string folder, CancellationToken cancellationToken) =>
        new(await TokenizerFiles.LoadAsync(folder, cancellationToken));

    /// <summary>
    /// Encodes text. Special-token strings in the text (such as <c>&lt;|eot_id|&gt;</c>) become their special
    /// ids, as in ONNX Runtime GenAI, so a rendered chat string encodes to the chat's ids.
    /// </summary>
    /// <param name="text">Any text; byte-level BPE has no unknown token.</param>
    /// <param name="addBeginOfText">Whether to put <c>&lt;|begin_of_text|&gt;</c> first (what tokenizer.json's post-processor does in Hugging Face).</param>
    public IReadOnlyList<int> Encode(string text, bool addBeginOfText)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = ReplaceLoneSurrogates(text);
        var ids = new List<int>(text.Length / 3 + 2);
        if (addBeginOfText)
        {
            ids.Add(SpecialTokens.BeginOfText);
        }
        foreach (var (offset, length) in _preTokenizer.PreTokenize(text))
        {
            var piece = text.AsSpan(offset, length);
            if (!_pieceLookup.TryGetValue(piece, out var pieceIds))
            {
                var pieceText = piece.ToString();
                pieceIds = EncodePiece(pieceText);
                // Prompts repeat the same instruction words thousands of times; a bounded cache keeps
                // encoding fast without growing without limit on an open-ended corpus.
                if (Volatile.Read(ref _cachedPieces) < MaxCachedPieces && _pieceCache.TryAdd(pieceText, pieceIds))
                {
                    Interlocked.Increment(ref _cachedPieces);
                }
            }
            ids.AddRange(pieceIds);
        }
        return ids;
    }

    private int[] EncodePiece(string piece)
    {
        if (_files.AddedTokens.TryGetValue(piece, out var special))
        {
            return [special];
        }
        // Llama 3's ignore_merges: a pre-token that is itself in the vocabulary is one token, merges or not.
        if (_files.IgnoreMerges && _files.Vocabulary.TryGetValue(ByteLevelAlphabet.Encode(piece), out var whole))
        {
            return [whole];
        }
        return [.. _bpe.EncodeToIds(piece, considerPreTokenization: false, considerNormalization: false)];
    }

    /// <summary>
    /// A lone surrogate has no UTF-8 form; ONNX Runtime GenAI receives it as U+FFFD (what .NET's UTF-8
    /// encoder substitutes), so it is replaced the same way here before encoding.
    /// </summary>
    private static string ReplaceLoneSurrogates(string text)
    {
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return text;
        }
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }
        return new string(chars);
    }

    /// <summary>Decodes ids to text, leaving out special tokens (as ONNX Runtime GenAI's <c>Decode</c> does).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id that is not in this tokenizer.</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids as IReadOnlyList<int> ?? ids.ToList();
        foreach (var id in list)
        {
            if (!_knownIds.Contains(id))
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"token id {id} is not in the tokenizer (vocabulary size {VocabularySize})");
            }
        }
        return _bpe.Decode(list, considerSpecialTokens: false);
    }

    /// <summary>
    /// Renders one user turn (and, for training, the assistant's answer) in the Llama 3 chat format exactly
    /// as the tokenizer's chat template does, and encodes it.
    /// </summary>
    /// <param name="userMessage">The user's turn (trimmed as the template trims it).</param>
    /// <param name="assistantMessage">The answer to train on, or null for a generation prompt.</param>
    /// <returns>The ids and where the answer starts (the prompt length when there is no answer).</returns>
    /// <exception cref="InvalidOperationException">The folder's chat template is not Llama 3's, so this rendering would not match it.</exception>
    public ChatEncoding EncodeChat(string userMessage, string? assistantMessage)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        if (_files.ChatTemplate != Llama3ChatFormat.JinjaTemplate)
        {
            throw new InvalidOperationException(
                $"{Path.Combine(_files.Folder, HuggingFaceTokenizerWriter.ConfigFileName)}: field 'chat_template' is not the Llama 3 template, which is the only one rendered in C#");
        }
        var prompt = Encode(Llama3ChatFormat.RenderPrompt(userMessage), addBeginOfText: false);
        if (assistantMessage is null)
        {
            return new ChatEncoding(prompt, prompt.Count);
        }
        // The prompt ends with a special token and "\n\n", which the split always keeps as its own piece,
        // so encoding the answer on its own gives the same ids as encoding the whole rendered string.
        var response = Encode(Llama3ChatFormat.RenderResponse(assistantMessage), addBeginOfText: false);
        return new ChatEncoding([.. prompt, .. response], prompt.Count);
    }
}
