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
    // decodes finished rows, so every tokenizer call goes through this lock. The calls are microseconds long.
    private static readonly string[] EndOfTurnMarkers = ["<|eot_id|>", "<|end_of_text|>", "</s>"];

    private readonly Lock _tokenizerLock = new();
    private readonly Tokenizer _tokenizer;
    private readonly HashSet<int> _stopTokenIds;
    private readonly int _beginOfTextTokenId;

    /// <summary>Loads the model folder at <paramref name="modelPath"/> for <paramref name="provider"/>.</summary>
    /// <exception cref="ModelLoadException">The folder is missing, incomplete or the runtime cannot load it.</exception>
    public OnnxModelHost(string modelPath, ExecutionProvider provider, string? modelName, ILogger<OnnxModelHost> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Folder = ModelFolder.Open(modelPath);
        Name = string.IsNullOrWhiteSpace(modelName) ? new DirectoryInfo(Folder.Path).Name : modelName;
        Provider = provider;

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var config = new Config(Folder.Path);
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

        _beginOfTextTokenId = _tokenizer.GetBosTokenId();
        PadTokenId = _tokenizer.GetPadTokenId();
        logger.LogInformation(
            "Loaded model {ModelName} from {ModelPath} on {Provider} in {ElapsedMs:F0} ms (context {ContextLength} tokens, stop ids {StopTokenIds})",
            Name, Folder.Path, provider, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Folder.ContextLength, string.Join(",", _stopTokenIds));
    }

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
    public int[] EncodePrompt(string query)
    {
        var messages = VpoChatMessages.ForQuery(query);
        lock (_tokenizerLock)
        {
            // An empty template string tells the runtime to use the chat template of the model's tokenizer_config.json.
            var prompt = _tokenizer.ApplyChatTemplate(string.Empty, messages, string.Empty, true);
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

    /// <inheritdoc />
    public void Dispose()
    {
        _tokenizer.Dispose();
        Model.Dispose();
    }
}
