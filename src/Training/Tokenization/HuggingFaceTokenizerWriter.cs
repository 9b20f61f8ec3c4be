using System.Text.Encodings.Web;
using System.Text.Json;

namespace Vpo.Training.Tokenization;

/// <summary>
/// Writes a learned BPE as a Hugging Face tokenizer folder laid out like Llama 3's: <c>tokenizer.json</c>
/// (BPE model, Split + ByteLevel pre-tokenizer, ByteLevel decoder, a post-processor that adds
/// <c>&lt;|begin_of_text|&gt;</c>, the special tokens right after the learned vocabulary) and
/// <c>tokenizer_config.json</c> (BOS/EOS, the chat template, the context length).
/// </summary>
public static class HuggingFaceTokenizerWriter
{
    /// <summary>File name of the tokenizer definition.</summary>
    public const string TokenizerFileName = "tokenizer.json";

    /// <summary>File name of the tokenizer configuration (special tokens, chat template).</summary>
    public const string ConfigFileName = "tokenizer_config.json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Byte-level tokens (Ġ, Ċ, ...) stay readable, as in the tokenizer files Hugging Face writes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes both files into <paramref name="folder"/> (created if missing) and returns the special token ids.</summary>
    /// <param name="folder">Output folder.</param>
    /// <param name="model">The learned vocabulary and merges.</param>
    /// <param name="modelMaxLength">The longest sequence the model takes (tokenizer_config.json's model_max_length).</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task<SpecialTokens> WriteAsync(string folder, BpeModel model, int modelMaxLength, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(modelMaxLength, 1);
        Directory.CreateDirectory(folder);
        var specials = SpecialTokens.AfterVocabulary(model.Tokens.Count);
        await WriteJsonAsync(Path.Combine(folder, TokenizerFileName), writer => WriteTokenizer(writer, model, specials), cancellationToken);
        await WriteJsonAsync(Path.Combine(folder, ConfigFileName), writer => WriteConfig(writer, specials, modelMaxLength), cancellationToken);
        return specials;
    }

    private static async Task WriteJsonAsync(string path, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        // Written to a temporary file and moved, so a cancelled or failed run never leaves half a tokenizer.
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var writer = new Utf8JsonWriter(stream, WriterOptions);
            write(writer);
            await writer.FlushAsync(cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteTokenizer(Utf8JsonWriter writer, BpeModel model, SpecialTokens specials)
    {
        writer.WriteStartObject();
        writer.WriteString("version", "1.0");
        writer.WriteNull("truncation");
        writer.WriteNull("padding");

        writer.WriteStartArray("added_tokens");
        foreach (var (name, id) in SpecialTokenNames.All.Select(n => (n, specials.ByName[n])))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            WriteAddedTokenFlags(writer, name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteNull("normalizer");

        writer.WriteStartObject("pre_tokenizer");
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("pretokenizers");
        writer.WriteStartObject();
        writer.WriteString("type", "Split");
        writer.WriteStartObject("pattern");
        writer.WriteString("Regex", PreTokenizerPattern.Llama3);
        writer.WriteEndObject();
        writer.WriteString("behavior", "Isolated");
        writer.WriteBoolean("invert", false);
        writer.WriteEndObject();
        WriteByteLevel(writer, addPrefixSpace: false, trimOffsets: true, useRegex: false);
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartObject("post_processor");
        writer.WriteString("type", "Sequence");
        writer.WriteStartArray("processors");
        WriteByteLevel(writer, addPrefixSpace: true, trimOffsets: false, useRegex: true);
        WriteBeginOfTextTemplate(writer, specials.BeginOfText);
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WritePropertyName("decoder");
        WriteByteLevel(writer, addPrefixSpace: true, trimOffsets: true, useRegex: true);

        writer.WriteStartObject("model");
        writer.WriteString("type", "BPE");
        writer.WriteNull("dropout");
        writer.WriteNull("unk_token");
        writer.WriteNull("continuing_subword_prefix");
        writer.WriteNull("end_of_word_suffix");
        writer.WriteBoolean("fuse_unk", false);
        writer.WriteBoolean("byte_fallback", false);
        // A pre-token that is itself in the vocabulary becomes that one token before any merge is tried.
        // ONNX Runtime GenAI 0.18 encodes this way whatever the flag says, so the flag is set for Hugging
        // Face to agree with it (as in Llama 3); the C# encoder honours it too.
        writer.WriteBoolean("ignore_merges", true);
        writer.WriteStartObject("vocab");
        for (var id = 0; id < model.Tokens.Count; id++)
        {
            writer.WriteNumber(model.Tokens[id], id);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("merges");
        foreach (var merge in model.Merges)
        {
            writer.WriteStringValue(merge.ToString());
        }
        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteEndObject();
    }

    private static void WriteAddedTokenFlags(Utf8JsonWriter writer, string content)
    {
        writer.WriteString("content", content);
        writer.WriteBoolean("single_word", false);
        writer.WriteBoolean("lstrip", false);
        writer.WriteBoolean("rstrip", false);
        writer.WriteBoolean("normalized", false);
        writer.WriteBoolean("special", true);
    }

    private static void WriteByteLevel(Utf8JsonWriter writer, bool addPrefixSpace, bool trimOffsets, bool useRegex)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "ByteLevel");
        writer.WriteBoolean("add_prefix_space", addPrefixSpace);
        writer.WriteBoolean("trim_offsets", trimOffsets);
        writer.WriteBoolean("use_regex", useRegex);
        writer.WriteEndObject();
    }

    /// <summary>Llama 3's TemplateProcessing: <c>&lt;|begin_of_text|&gt;</c> before each sequence of a single input or a pair.</summary>
    private static void WriteBeginOfTextTemplate(Utf8JsonWriter writer, int beginOfTextId)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "TemplateProcessing");
        writer.WriteStartArray("single");
        WriteTemplatePiece(writer, "SpecialToken", SpecialTokenNames.BeginOfText, 0);
        WriteTemplatePiece(writer, "Sequence", "A", 0);
        writer.WriteEndArray();
        writer.WriteStartArray("pair");
        WriteTemplatePiece(writer, "SpecialToken", SpecialTokenNames.BeginOfText, 0);
        WriteTemplatePiece(writer, "Sequence", "A", 0);
        WriteTemplatePiece(writer, "SpecialToken", SpecialTokenNames.BeginOfText, 1);
        WriteTemplatePiece(writer, "Sequence", "B", 1);
        writer.WriteEndArray();
        writer.WriteStartObject("special_tokens");
        writer.WriteStartObject(SpecialTokenNames.BeginOfText);
        writer.WriteString("id", SpecialTokenNames.BeginOfText);
        writer.WriteStartArray("ids");
        writer.WriteNumberValue(beginOfTextId);
        writer.WriteEndArray();
        writer.WriteStartArray("tokens");
        writer.WriteStringValue(SpecialTokenNames.BeginOfText);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTemplatePiece(Utf8JsonWriter writer, string kind, string id, int typeId)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(kind);
        writer.WriteString("id", id);
        writer.WriteNumber("type_id", typeId);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteConfig(Utf8JsonWriter writer, SpecialTokens specials, int modelMaxLength)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("added_tokens_decoder");
        foreach (var (name, id) in SpecialTokenNames.All.Select(n => (n, specials.ByName[n])))
        {
            writer.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            WriteAddedTokenFlags(writer, name);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteString("bos_token", SpecialTokenNames.BeginOfText);
        writer.WriteString("chat_template", Llama3ChatFormat.JinjaTemplate);
        // Hugging Face's clean-up rewrites " ." to "." when decoding; byte-level decoding is exact without it.
        writer.WriteBoolean("clean_up_tokenization_spaces", false);
        // A chat model ends its answer with <|eot_id|> (the chat template closes every turn with it), so
        // that is where generation must stop; <|end_of_text|> only separates pretraining documents.
        writer.WriteString("eos_token", SpecialTokenNames.EndOfTurn);
        writer.WriteStartArray("model_input_names");
        writer.WriteStringValue("input_ids");
        writer.WriteStringValue("attention_mask");
        writer.WriteEndArray();
        writer.WriteNumber("model_max_length", modelMaxLength);
        writer.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
        writer.WriteEndObject();
    }
}
