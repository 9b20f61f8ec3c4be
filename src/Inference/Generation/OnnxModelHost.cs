using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Inference.Prompting;

namespace Vpo.Inference.Generation;

/// <summary>
/// Owns the ONNX Runtime GenAI <see cref="Model"/> and <see cref="Tokenizer"/> of the served folder. It is built once per
/// process, so a missing or corrupt folder fails start-up with a message naming the path instead of failing requests.
/// </summary>
public sealed class OnnxModelHost : IDisposable
{
    // The native tokenizer makes no thread-safety promise; encoding happens on request threads while the scheduler
    // decodes every generated token, so every tokenizer call goes through this lock. The calls are microseconds long.
    private static readonly string[] EndOfTurnMarkers = ["<|eot_id|>", "<|end_of_text|>", "</s>"];

    private readonly Lock _tokenizerLock = new();
    private readonly Tokenizer _tokenizer;
    private readonly HashSet<int> _stopTokenIds;
    private readonly int _beginOfTextTokenId;
    private readonly SpecialTokenGuard _guard;

    /// <summary>Loads the model folder at <paramref name="modelPath"/> for <paramref name="provider"/>.</summary>
    /// <exception cref="ModelLoadException">The folder is missing, incomplete or the runtime cannot load it.</exception>
    /// <param name="modelPath">The model folder.</param>
    /// <param name="provider">Where the model runs.</param>
    /// <param name="modelName">The name clients see; the folder's name when empty.</param>
    /// <param name="logger">Where loading is logged.</param>
    /// <param name="intraOpThreads">Threads inside one operator; 0 uses every core the process may run on.</param>
    public OnnxModelHost(string modelPath, ExecutionProvider provider, string? modelName, ILogger<OnnxModelHost> logger, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        ArgumentNullException.ThrowIfNull(logger);
        Folder = ModelFolder.Open(modelPath);
        Name = string.IsNullOrWhiteSpace(modelName) ? new DirectoryInfo(Folder.Path).Name : modelName;
        Provider = provider;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var config = new Config(Folder.Path);
            IntraOpThreads = intraOpThreads > 0 ? intraOpThreads : Environment.ProcessorCount;
            config.Overlay(SessionThreadsOverlay(IntraOpThreads));
            config.ClearProviders();
            if (provider == ExecutionProvider.Cuda)
            {
                config.AppendProvider("cuda");
            }

            Model = new Model(config);
            _tokenizer = new Tokenizer(Model);
        }
        catch (OnnxRuntimeGenAIException exception)
        {
            Model?.Dispose();
            throw new ModelLoadException(Folder.Path, $"ONNX Runtime GenAI could not load it on {provider} ({exception.Message})", exception);
        }

        _stopTokenIds = [.. _tokenizer.GetEosTokenIds().ToArray()];
        // Chat models end a turn with their end-of-turn token; model builders do not always list it as an EOS id.
        foreach (var marker in EndOfTurnMarkers)
        {
            if (Folder.AddedTokens.TryGetValue(marker, out var endOfTurn))
            {
                _stopTokenIds.Add(endOfTurn);
            }
        }

        _guard = new SpecialTokenGuard(Folder.SpecialTokens);
        _beginOfTextTokenId = _tokenizer.GetBosTokenId();
        PadTokenId = _tokenizer.GetPadTokenId();
        logger.LogInformation(
            "Loaded model {ModelName} from {ModelPath} on {Provider} in {ElapsedMs:F0} ms (context {ContextLength} tokens, stop ids {StopTokenIds}, {IntraOpThreads} intra-op threads)",
            Name, Folder.Path, provider, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Folder.ContextLength, string.Join(",", _stopTokenIds), IntraOpThreads);
    }

    /// <summary>Threads ONNX Runtime uses inside one operator.</summary>
    public int IntraOpThreads { get; }

    /// <summary>
    /// The genai_config overlay that sets the decoder session's intra-op threads. ONNX Runtime's own default ran the
    /// model on one of this machine's two cores; asking for every core doubled the tokens per second.
    /// </summary>
    public static string SessionThreadsOverlay(int threads) =>
        """{"model":{"decoder":{"session_options":{"intra_op_num_threads":""" + threads.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}}";

    /// <summary>The served folder.</summary>
    public ModelFolder Folder { get; }

    /// <summary>The name reported to clients.</summary>
    public string Name { get; }

    /// <summary>The execution provider the model runs on.</summary>
    public ExecutionProvider Provider { get; }

    /// <summary>The loaded model; generators are created from it by the scheduler's thread only.</summary>
    internal Model Model { get; }

    /// <summary>The model's context window in tokens.</summary>
    public int ContextLength => Folder.ContextLength;

    /// <summary>Token ids that end an answer (the model's EOS ids and the chat end-of-turn token).</summary>
    public IReadOnlySet<int> StopTokenIds => _stopTokenIds;

    /// <summary>The pad token id the runtime uses for batched prompts and for rows that already stopped.</summary>
    public int PadTokenId { get; }

    /// <summary>
    /// Puts <paramref name="query"/> into the VPO instruction, sends that as the single user turn of the model's own
    /// chat template (with the assistant generation prompt) and returns the prompt's token ids.
    /// </summary>
    public int[] EncodePrompt(string query) => EncodeChat(VpoChatMessages.For(query));

    /// <summary>
    /// Renders <paramref name="messages"/> with the model's own chat template, opens the assistant's turn and returns
    /// the prompt's token ids. Special-token spellings in the messages are encoded as plain text
    /// (see <see cref="SpecialTokenGuard"/>), so a message cannot end its turn or start another.
    /// </summary>
    /// <exception cref="ChatTemplateException">The template refuses the messages (a role or order it does not take).</exception>
    public int[] EncodeChat(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var json = ChatTemplateInput.Serialize(messages, _guard);
        lock (_tokenizerLock)
        {
            string prompt;
            try
            {
                // An empty template string tells the runtime to use the chat template of the model's tokenizer_config.json.
                prompt = _tokenizer.ApplyChatTemplate(string.Empty, json, string.Empty, true);
            }
            catch (OnnxRuntimeGenAIException exception)
            {
                // The runtime's message starts with the template's reason and goes on with an excerpt of the template.
                var reason = exception.Message.Split('\n', 2)[0].TrimEnd(':', ' ');
                throw new ChatTemplateException(reason, exception);
            }

            using var sequences = _tokenizer.Encode(prompt);
            var tokens = sequences[0].ToArray();
            // The template already writes the begin-of-text marker; a tokenizer that adds its own would double it.
            return tokens.Length > 1 && tokens[0] == _beginOfTextTokenId && tokens[1] == _beginOfTextTokenId ? tokens[1..] : tokens;
        }
    }

    /// <summary>Decodes generated token ids to text (special tokens are skipped by the runtime).</summary>
    public string Decode(ReadOnlySpan<int> tokens)
    {
        lock (_tokenizerLock)
        {
            return _tokenizer.Decode(tokens);
        }
    }

    /// <summary>Starts decoding one answer token by token (the runtime's incremental decoder; special tokens are skipped).</summary>
    internal TokenizerStream CreateDecoder()
    {
        lock (_tokenizerLock)
        {
            return _tokenizer.CreateStream();
        }
    }

    /// <summary>The text <paramref name="token"/> adds to the answer <paramref name="decoder"/> decodes (empty inside a character).</summary>
    internal string DecodeNext(TokenizerStream decoder, int token)
    {
        lock (_tokenizerLock)
        {
            return decoder.Decode(token);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _tokenizer.Dispose();
        Model.Dispose();
    }
}
