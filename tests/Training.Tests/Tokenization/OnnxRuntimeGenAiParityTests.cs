using System.Text.Json;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Inference.Prompting;
using Vpo.Training.Cli;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

/// <summary>
/// A tokenizer trained by <c>vpo-train tokenizer</c> on real queries, loaded both by <see cref="VpoTokenizer"/>
/// and by ONNX Runtime GenAI's tokenizer (which needs a genai_config.json beside the tokenizer files, no model).
/// </summary>
public sealed class TrainedTokenizerFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-tokenizer-parity-").FullName;

    public string TokenizerFolder => Path.Combine(_folder, "tokenizer");

    public VpoTokenizer Vpo { get; private set; } = null!;

    public Tokenizer Oga { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Part of the SFT queries plus the instruction: real, messy text, and queries the merges never saw.
        var corpus = Path.Combine(_folder, "corpus.txt");
        await File.WriteAllLinesAsync(corpus, VpoQueries.Sft.Take(4000).Append(VpoInstruction.Format("a cat")));
        var exitCode = await VpoTrainCli.Build()
            .Parse(["tokenizer", "--corpus", corpus, "--vocab-size", "3000", "--output", TokenizerFolder])
            .InvokeAsync();
        Assert.Equal(0, exitCode);

        Vpo = await VpoTokenizer.LoadAsync(TokenizerFolder, CancellationToken.None);
        await WriteGenAiConfigAsync(Vpo.SpecialTokens, Vpo.VocabularySize);
        Oga = new Tokenizer(TokenizerFolder);
    }

    public ValueTask DisposeAsync()
    {
        Oga?.Dispose();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Task WriteGenAiConfigAsync(SpecialTokens specials, int vocabularySize)
    {
        var config = new
        {
            model = new
            {
                type = "llama",
                vocab_size = vocabularySize,
                context_length = 2048,
                bos_token_id = specials.BeginOfText,
                eos_token_id = specials.StopIds,
                pad_token_id = specials.EndOfTurn,
                decoder = new
                {
                    filename = "model.onnx",
                    head_size = 16,
                    hidden_size = 64,
                    num_attention_heads = 4,
                    num_key_value_heads = 2,
                    num_hidden_layers = 1,
                    inputs = new { input_ids = "input_ids", attention_mask = "attention_mask", past_key_names = "past_key_values.%d.key", past_value_names = "past_key_values.%d.value" },
                    outputs = new { logits = "logits", present_key_names = "present.%d.key", present_value_names = "present.%d.value" },
                },
            },
            search = new { max_length = 2048 },
        };
        return File.WriteAllTextAsync(Path.Combine(TokenizerFolder, "genai_config.json"), JsonSerializer.Serialize(config));
    }
}

public sealed class OnnxRuntimeGenAiParityTests(TrainedTokenizerFixture fixture) : IClassFixture<TrainedTokenizerFixture>
{
    private static readonly string[] EdgeCases =
    [
        "😂abc", "𝓗𝓮𝓵𝓵𝓸 world", "𠀀𠀁 x", "𝟙𝟚𝟛𝟜5", "a<|eot_id|>b<|begin_of_text|>", "\u00a0\u3000x\r\n\r\n  y  ",
        "it'S I'M we'LL", "x\ud800y", "", "   ", "\n", "Ǆemo ǅ ǆ ſtraße ΣΑΣ", "١٢٣٤ ٥", "\u0001\u001f\u007f\u0085",
        "--ar 16:9 --v 5.2 --style raw", "&lt;b&gt;bold&lt;/b&gt; &#39;quoted&#39; &nbsp;",
    ];

    // No NUL: ONNX Runtime GenAI takes C strings, so its tokenizer never sees text after a NUL.
    private static IEnumerable<string> QueriesAndEdgeCases => VpoQueries.All.Concat(EdgeCases);

    private int[] OgaEncode(string text)
    {
        using var sequences = fixture.Oga.Encode(text);
        return sequences[0].ToArray();
    }

    private static void AssertNoMismatch(List<string> mismatches, int checkedCount)
    {
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} of {checkedCount} differ; first ones:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches.Take(5))}");
    }

    [Fact]
    public void Every_query_encodes_to_the_same_ids_as_onnx_runtime_genai()
    {
        var mismatches = new List<string>();
        var count = 0;
        foreach (var query in QueriesAndEdgeCases)
        {
            count++;
            var ours = fixture.Vpo.Encode(query, addBeginOfText: false);
            var theirs = OgaEncode(query);
            if (!ours.SequenceEqual(theirs))
            {
                mismatches.Add($"{JsonSerializer.Serialize(query)}: ours [{string.Join(",", ours)}], ONNX Runtime GenAI [{string.Join(",", theirs)}]");
            }
        }

        Assert.True(count > 20_000, $"only {count} queries were read from {VpoQueries.Folder}");
        AssertNoMismatch(mismatches, count);
    }

    [Fact]
    public void Every_query_decodes_back_to_itself_as_onnx_runtime_genai_decodes_it()
    {
        var mismatches = new List<string>();
        foreach (var query in VpoQueries.All)
        {
            var ids = fixture.Vpo.Encode(query, addBeginOfText: true);
            var ours = fixture.Vpo.Decode(ids);
            var theirs = fixture.Oga.Decode(ids.ToArray());
            if (ours != query || theirs != query)
            {
                mismatches.Add($"{JsonSerializer.Serialize(query)}: ours {JsonSerializer.Serialize(ours)}, ONNX Runtime GenAI {JsonSerializer.Serialize(theirs)}");
            }
        }

        AssertNoMismatch(mismatches, VpoQueries.All.Count);
    }

    [Fact]
    public void Every_training_chat_renders_and_encodes_as_onnx_runtime_genai_applies_the_chat_template()
    {
        var mismatches = new List<string>();
        var chats = QueriesAndEdgeCases.Where(text => !text.Contains('\ud800')).ToList();
        // The answer stands in for a model response: another query, so both turns carry real, messy text.
        for (var i = 0; i < chats.Count; i++)
        {
            var user = chats[i];
            var assistant = chats[(i + 1) % chats.Count];
            var messages = JsonSerializer.Serialize(new[] { new { role = "user", content = user }, new { role = "assistant", content = assistant } });
            var rendered = fixture.Oga.ApplyChatTemplate("", messages, "", false);
            var chat = fixture.Vpo.EncodeChat(user, assistant);
            if (rendered != Llama3ChatFormat.RenderExchange(user, assistant) || !chat.Ids.SequenceEqual(OgaEncode(rendered)))
            {
                mismatches.Add($"user {JsonSerializer.Serialize(user)}, assistant {JsonSerializer.Serialize(assistant)}: ONNX Runtime GenAI rendered {JsonSerializer.Serialize(rendered)}");
            }
        }

        AssertNoMismatch(mismatches, chats.Count);
    }

    [Fact]
    public void Vpo_instruction_prompts_render_and_encode_as_onnx_runtime_genai_generation_prompts()
    {
        var mismatches = new List<string>();
        var queries = VpoQueries.All.Where((_, i) => i % 20 == 0).ToList();
        foreach (var query in queries)
        {
            var user = VpoInstruction.Format(query);
            var messages = JsonSerializer.Serialize(new[] { new { role = "user", content = user } });
            var rendered = fixture.Oga.ApplyChatTemplate("", messages, "", true);
            var chat = fixture.Vpo.EncodeChat(user, assistantMessage: null);
            if (rendered != Llama3ChatFormat.RenderPrompt(user) || !chat.Ids.SequenceEqual(OgaEncode(rendered)) || chat.ResponseStart != chat.Ids.Count)
            {
                mismatches.Add($"{JsonSerializer.Serialize(query)}: ONNX Runtime GenAI rendered {JsonSerializer.Serialize(rendered)}");
            }
        }

        AssertNoMismatch(mismatches, queries.Count);
    }
}
