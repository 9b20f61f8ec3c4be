using System.Text.Json;

namespace Vpo.Inference.Generation;

/// <summary>
/// An ONNX Runtime GenAI model folder as the service needs it: <c>genai_config.json</c>, the decoder file it names and
/// the tokenizer, checked before the native runtime sees them so that a wrong path fails with a message naming it.
/// </summary>
/// <param name="Path">The absolute folder path.</param>
/// <param name="ContextLength">The model's context window in tokens (<c>model.context_length</c>).</param>
/// <param name="AddedTokens">The tokenizer's added (special) tokens by their text, from <c>tokenizer.json</c>.</param>
public sealed record ModelFolder(string Path, int ContextLength, IReadOnlyDictionary<string, int> AddedTokens)
{
    /// <summary>The file that makes a folder an ONNX Runtime GenAI model.</summary>
    public const string ConfigFileName = "genai_config.json";

    /// <summary>
    /// Turns the configured model path into an absolute folder. An absolute path is taken as it is. A relative one is
    /// tried against the content root and each of its parents, then against the application folder and each of its
    /// parents; the first candidate holding <c>genai_config.json</c> wins. When none does, the content-root candidate is
    /// returned so that the error names the place a user would look first.
    /// </summary>
    public static string Resolve(string configuredPath, string contentRoot, string applicationFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuredPath);
        if (System.IO.Path.IsPathRooted(configuredPath))
        {
            return System.IO.Path.GetFullPath(configuredPath);
        }

        foreach (var root in new[] { contentRoot, applicationFolder })
        {
            for (var folder = new DirectoryInfo(root); folder is not null; folder = folder.Parent)
            {
                var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder.FullName, configuredPath));
                if (File.Exists(System.IO.Path.Combine(candidate, ConfigFileName)))
                {
                    return candidate;
                }
            }
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, configuredPath));
    }

    /// <summary>Checks the folder and reads what the service needs from its configuration.</summary>
    /// <exception cref="ModelLoadException">The folder, its configuration, decoder or tokenizer is missing or unreadable.</exception>
    public static ModelFolder Open(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new ModelLoadException(path, "the folder does not exist");
        }

        var configPath = System.IO.Path.Combine(path, ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new ModelLoadException(path, $"it holds no {ConfigFileName}; point Inference:ModelPath at an ONNX Runtime GenAI model folder");
        }

        JsonElement model;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(configPath));
            if (!document.RootElement.TryGetProperty("model", out var found) || found.ValueKind != JsonValueKind.Object)
            {
                throw new ModelLoadException(path, $"{ConfigFileName} has no \"model\" object");
            }

            model = found.Clone();
        }
        catch (JsonException exception)
        {
            throw new ModelLoadException(path, $"{ConfigFileName} is not valid JSON ({exception.Message})", exception);
        }

        if (!model.TryGetProperty("context_length", out var contextLength) || !contextLength.TryGetInt32(out var context) || context < 2)
        {
            throw new ModelLoadException(path, $"{ConfigFileName} has no positive \"model.context_length\"");
        }

        if (!model.TryGetProperty("decoder", out var decoder) || decoder.ValueKind != JsonValueKind.Object ||
            !decoder.TryGetProperty("filename", out var fileName) || fileName.ValueKind != JsonValueKind.String)
        {
            throw new ModelLoadException(path, $"{ConfigFileName} has no \"model.decoder.filename\"");
        }

        var decoderPath = System.IO.Path.Combine(path, fileName.GetString()!);
        if (!File.Exists(decoderPath))
        {
            throw new ModelLoadException(path, $"the decoder file '{fileName.GetString()}' named in {ConfigFileName} is missing");
        }

        return new ModelFolder(path, context, ReadAddedTokens(path));
    }

    private static Dictionary<string, int> ReadAddedTokens(string path)
    {
        var tokenizerPath = System.IO.Path.Combine(path, "tokenizer.json");
        if (!File.Exists(tokenizerPath))
        {
            throw new ModelLoadException(path, "it holds no tokenizer.json");
        }

        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(tokenizerPath);
            using var document = JsonDocument.Parse(stream);
            if (document.RootElement.TryGetProperty("added_tokens", out var tokens) && tokens.ValueKind == JsonValueKind.Array)
            {
                foreach (var token in tokens.EnumerateArray())
                {
                    if (token.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String &&
                        token.TryGetProperty("id", out var id) && id.TryGetInt32(out var value))
                    {
                        added[content.GetString()!] = value;
                    }
                }
            }
        }
        catch (JsonException exception)
        {
            throw new ModelLoadException(path, $"tokenizer.json is not valid JSON ({exception.Message})", exception);
        }

        return added;
    }
}
