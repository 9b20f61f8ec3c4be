using System.Globalization;
using System.Text.Json;

namespace Vpo.Training.Tokenization;

/// <summary>
/// Reads a Hugging Face tokenizer folder and checks every field the C# encoder relies on, so a bad file
/// fails here with the file and field named rather than later as wrong token ids.
/// </summary>
public static class TokenizerFilesReader
{
    /// <summary>Reads and checks <c>tokenizer.json</c> and <c>tokenizer_config.json</c> in <paramref name="folder"/>.</summary>
    /// <exception cref="TokenizerFileException">A file is missing, is not valid JSON, or a field is missing or wrong.</exception>
    public static async Task<TokenizerFiles> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var tokenizerPath = Path.Combine(folder, HuggingFaceTokenizerWriter.TokenizerFileName);
        var configPath = Path.Combine(folder, HuggingFaceTokenizerWriter.ConfigFileName);

        using var tokenizer = await ParseAsync(tokenizerPath, cancellationToken);
        var root = RequireObject(tokenizerPath, tokenizer.RootElement, "(root)");
        var model = RequireObject(tokenizerPath, Require(tokenizerPath, root, "model"), "model");
        var type = OptionalString(tokenizerPath, model, "type", "model.type");
        if (type != "BPE")
        {
            throw new TokenizerFileException(tokenizerPath, "model.type", $"expected \"BPE\", found {Describe(type)}");
        }
        var vocabulary = ReadVocabulary(tokenizerPath, model);
        var merges = ReadMerges(tokenizerPath, model, vocabulary);
        var ignoreMerges = model.TryGetProperty("ignore_merges", out var ignore) && ignore.ValueKind == JsonValueKind.True;
        CheckPipeline(tokenizerPath, root);
        var added = ReadAddedTokens(tokenizerPath, root, vocabulary);
        var specials = new SpecialTokens(
            RequireSpecial(tokenizerPath, added, SpecialTokenNames.BeginOfText),
            RequireSpecial(tokenizerPath, added, SpecialTokenNames.EndOfText),
            RequireSpecial(tokenizerPath, added, SpecialTokenNames.StartHeader),
            RequireSpecial(tokenizerPath, added, SpecialTokenNames.EndHeader),
            RequireSpecial(tokenizerPath, added, SpecialTokenNames.EndOfTurn));

        using var config = await ParseAsync(configPath, cancellationToken);
        var configRoot = RequireObject(configPath, config.RootElement, "(root)");
        var bos = ReadTokenName(configPath, configRoot, "bos_token", added);
        var eos = ReadTokenName(configPath, configRoot, "eos_token", added);
        var template = Require(configPath, configRoot, "chat_template");
        if (template.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(template.GetString()))
        {
            throw new TokenizerFileException(configPath, "chat_template", $"expected the Jinja chat template as a string, found {template.ValueKind}");
        }
        var maxLength = long.MaxValue;
        if (configRoot.TryGetProperty("model_max_length", out var length))
        {
            if (length.ValueKind != JsonValueKind.Number || length.GetDouble() < 1)
            {
                throw new TokenizerFileException(configPath, "model_max_length", $"expected a positive number, found {length.GetRawText()}");
            }
            maxLength = length.GetDouble() >= long.MaxValue ? long.MaxValue : (long)length.GetDouble();
        }

        return new TokenizerFiles(folder, vocabulary, merges, added, specials, ignoreMerges, template.GetString()!, bos, eos, maxLength);
    }

    private static async Task<JsonDocument> ParseAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new TokenizerFileException(path, null, "file not found (a tokenizer folder holds tokenizer.json and tokenizer_config.json)");
        }
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            return await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new TokenizerFileException(path, null,
                $"not valid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }
    }

    private static Dictionary<string, int> ReadVocabulary(string path, JsonElement model)
    {
        var vocab = RequireObject(path, Require(path, model, "vocab", "model.vocab"), "model.vocab");
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<int, string>();
        foreach (var entry in vocab.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
            {
                throw new TokenizerFileException(path, $"model.vocab[\"{entry.Name}\"]", $"expected a non-negative integer id, found {entry.Value.GetRawText()}");
            }
            if (!owners.TryAdd(id, entry.Name))
            {
                throw new TokenizerFileException(path, $"model.vocab[\"{entry.Name}\"]", $"id {id} is already used by \"{owners[id]}\"");
            }
            vocabulary[entry.Name] = id;
        }
        // A byte-level BPE needs all 256 byte symbols, or some input would have no token at all.
        for (var value = 0; value < 256; value++)
        {
            var symbol = ByteLevelAlphabet.ToChar((byte)value).ToString();
            if (!vocabulary.ContainsKey(symbol))
            {
                throw new TokenizerFileException(path, "model.vocab",
                    $"the byte-level symbol \"{symbol}\" for byte 0x{value:X2} is missing; all 256 byte symbols are required");
            }
        }
        return vocabulary;
    }

    private static List<string> ReadMerges(string path, JsonElement model, Dictionary<string, int> vocabulary)
    {
        var array = Require(path, model, "merges", "model.merges");
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerFileException(path, "model.merges", $"expected an array of merges, found {array.ValueKind}");
        }
        var merges = new List<string>(array.GetArrayLength());
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var field = $"model.merges[{index}]";
            // Both spellings Hugging Face writes: "a b" (older, Llama 3) and ["a", "b"] (newer).
            string[] parts = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!.Split(' '),
                JsonValueKind.Array when item.GetArrayLength() == 2 && item.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String) =>
                    item.EnumerateArray().Select(p => p.GetString()!).ToArray(),
                _ => [],
            };
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new TokenizerFileException(path, field, $"expected two tokens (\"left right\" or [\"left\", \"right\"]), found {item.GetRawText()}");
            }
            foreach (var token in parts.Append(parts[0] + parts[1]))
            {
                if (!vocabulary.ContainsKey(token))
                {
                    throw new TokenizerFileException(path, field, $"token \"{token}\" is not in model.vocab");
                }
            }
            merges.Add(parts[0] + " " + parts[1]);
            index++;
        }
        return merges;
    }

    /// <summary>The encoder reproduces Llama 3's pipeline only, so anything else is refused rather than encoded differently.</summary>
    private static void CheckPipeline(string path, JsonElement root)
    {
        if (root.TryGetProperty("normalizer", out var normalizer) && normalizer.ValueKind != JsonValueKind.Null)
        {
            throw new TokenizerFileException(path, "normalizer", "expected null (byte-level BPE sees the text unchanged)");
        }
        var pre = Require(path, root, "pre_tokenizer");
        var steps = pre.ValueKind == JsonValueKind.Object
            && OptionalString(path, pre, "type", "pre_tokenizer.type") == "Sequence"
            && pre.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().ToArray()
                : [];
        var splitsLikeLlama3 = steps.Length == 2
            && steps[0].ValueKind == JsonValueKind.Object
            && TypeOf(steps[0]) == "Split"
            && steps[0].TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.Object
            && pattern.TryGetProperty("Regex", out var regex) && regex.ValueKind == JsonValueKind.String
            && regex.GetString() == PreTokenizerPattern.Llama3
            && steps[1].ValueKind == JsonValueKind.Object
            && TypeOf(steps[1]) == "ByteLevel"
            && steps[1].TryGetProperty("use_regex", out var useRegex) && useRegex.ValueKind == JsonValueKind.False;
        if (!splitsLikeLlama3)
        {
            throw new TokenizerFileException(path, "pre_tokenizer",
                "expected a Sequence of Split (the Llama 3 regex) and ByteLevel (use_regex false), the pre-tokenization the C# encoder reproduces");
        }
        var decoder = Require(path, root, "decoder");
        if (decoder.ValueKind != JsonValueKind.Object || TypeOf(decoder) != "ByteLevel")
        {
            throw new TokenizerFileException(path, "decoder", $"expected a ByteLevel decoder, found {decoder.GetRawText()}");
        }
    }

    private static Dictionary<string, int> ReadAddedTokens(string path, JsonElement root, Dictionary<string, int> vocabulary)
    {
        var array = Require(path, root, "added_tokens");
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new TokenizerFileException(path, "added_tokens", $"expected an array, found {array.ValueKind}");
        }
        var byId = vocabulary.ToDictionary(pair => pair.Value, pair => pair.Key);
        var added = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var token in array.EnumerateArray())
        {
            var field = $"added_tokens[{index++}]";
            if (token.ValueKind != JsonValueKind.Object
                || !token.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id) || id < 0
                || !token.TryGetProperty("content", out var contentElement) || contentElement.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(contentElement.GetString()))
            {
                throw new TokenizerFileException(path, field, $"expected {{\"id\": <non-negative integer>, \"content\": <string>, ...}}, found {token.GetRawText()}");
            }
            var content = contentElement.GetString()!;
            if (byId.TryGetValue(id, out var owner) && owner != content)
            {
                throw new TokenizerFileException(path, field, $"id {id} of \"{content}\" is already the id of \"{owner}\" in model.vocab");
            }
            byId[id] = content;
            added[content] = id;
        }
        return added;
    }

    private static int RequireSpecial(string path, Dictionary<string, int> added, string name) =>
        added.TryGetValue(name, out var id)
            ? id
            : throw new TokenizerFileException(path, "added_tokens", $"the special token {name} is missing (Llama 3 needs {string.Join(", ", SpecialTokenNames.All)})");

    private static string ReadTokenName(string path, JsonElement root, string field, Dictionary<string, int> added)
    {
        var element = Require(path, root, field);
        // Hugging Face writes a plain string or an AddedToken object with "content".
        var name = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Object when element.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String => content.GetString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(name))
        {
            throw new TokenizerFileException(path, field, $"expected a token string, found {element.GetRawText()}");
        }
        if (!added.ContainsKey(name))
        {
            throw new TokenizerFileException(path, field, $"\"{name}\" is not one of tokenizer.json's added_tokens");
        }
        return name;
    }

    private static JsonElement Require(string path, JsonElement parent, string name, string? field = null) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new TokenizerFileException(path, field ?? name, "is missing");

    private static JsonElement RequireObject(string path, JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object
            ? element
            : throw new TokenizerFileException(path, field, $"expected a JSON object, found {element.ValueKind}");

    private static string? OptionalString(string path, JsonElement parent, string name, string field)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new TokenizerFileException(path, field, $"expected a string, found {value.GetRawText()}");
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string Describe(string? value) => value is null ? "nothing" : string.Create(CultureInfo.InvariantCulture, $"\"{value}\"");
}
