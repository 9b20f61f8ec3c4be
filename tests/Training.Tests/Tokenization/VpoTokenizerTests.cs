using System.Text.Json.Nodes;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class VpoTokenizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-tokenizer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<VpoTokenizer> TrainedAsync(int vocabularySize = 500)
    {
        var result = await SmallTokenizer.TrainAsync(_folder, vocabularySize, TestContext.Current.CancellationToken);
        return await VpoTokenizer.LoadAsync(result.OutputFolder, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("a cat walks through the neon city")]
    [InlineData("Tom &amp; Jerry &#39;s chase --ar 16:9 --v 5")]
    [InlineData("东京の夜、雨に濡れた街 🎥🌧️ 🇯🇵")]
    [InlineData("𝓗𝓮𝓵𝓵𝓸 \u0000\u0007\t\r\n  \u00a0\u200b end")]
    [InlineData("")]
    public async Task Any_text_encodes_without_unknown_tokens_and_decodes_back_exactly(string text)
    {
        var tokenizer = await TrainedAsync();

        var ids = tokenizer.Encode(text, addBeginOfText: false);

        Assert.All(ids, id => Assert.InRange(id, 0, tokenizer.VocabularySize - 1));
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public async Task Learned_merges_make_frequent_words_single_tokens()
    {
        var tokenizer = await TrainedAsync();

        Assert.Single(tokenizer.Encode(" cinematic", addBeginOfText: false));
        Assert.True(tokenizer.Encode("a cat walks", addBeginOfText: false).Count < "a cat walks".Length);
    }

    [Fact]
    public async Task Begin_of_text_is_added_only_when_asked()
    {
        var tokenizer = await TrainedAsync();

        var plain = tokenizer.Encode("night", addBeginOfText: false);
        var withBos = tokenizer.Encode("night", addBeginOfText: true);

        Assert.Equal([tokenizer.SpecialTokens.BeginOfText, .. plain], withBos);
    }

    [Fact]
    public async Task Special_token_strings_in_text_become_special_ids_and_are_left_out_when_decoding()
    {
        var tokenizer = await TrainedAsync();

        var ids = tokenizer.Encode("night<|eot_id|>", addBeginOfText: false);

        Assert.Equal(tokenizer.SpecialTokens.EndOfTurn, ids[^1]);
        Assert.Equal("night", tokenizer.Decode(ids));
    }

    [Fact]
    public async Task Chat_encoding_starts_the_response_after_the_assistant_header_and_ends_it_with_eot()
    {
        var tokenizer = await TrainedAsync();
        var specials = tokenizer.SpecialTokens;

        var chat = tokenizer.EncodeChat("  a cat at night \n", "A black cat walks through a neon city at night.");

        var ids = chat.Ids;
        Assert.Equal([specials.BeginOfText, specials.StartHeader], ids.Take(2));
        var assistantHeaderEnd = ids.Take(chat.ResponseStart).ToList().LastIndexOf(specials.EndHeader);
        Assert.Equal("\n\n", tokenizer.Decode(ids.Take(chat.ResponseStart).Skip(assistantHeaderEnd + 1)));
        Assert.Equal("A black cat walks through a neon city at night.", tokenizer.Decode(ids.Skip(chat.ResponseStart).SkipLast(1)));
        Assert.Equal(specials.EndOfTurn, ids[^1]);
        Assert.Equal("user\n\na cat at nightassistant\n\n", tokenizer.Decode(ids.Take(chat.ResponseStart)));
        Assert.Equal(tokenizer.Encode(Llama3ChatFormat.RenderExchange("  a cat at night \n", "A black cat walks through a neon city at night."), false), ids);
    }

    [Fact]
    public async Task A_generation_prompt_has_no_response_and_ends_with_the_assistant_header()
    {
        var tokenizer = await TrainedAsync();

        var chat = tokenizer.EncodeChat("a cat", assistantMessage: null);

        Assert.Equal(chat.Ids.Count, chat.ResponseStart);
        Assert.Equal(tokenizer.Encode("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\na cat<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", false), chat.Ids);
    }

    [Fact]
    public async Task Encoding_from_several_threads_gives_the_ids_of_one_thread()
    {
        var tokenizer = await TrainedAsync();
        var texts = Enumerable.Range(0, 400).Select(i => $"a cat number {i} walks through the neon city 东京 {i % 7} 🎥").ToArray();
        var expected = texts.Select(text => tokenizer.Encode(text, false)).ToArray();
        var fresh = await VpoTokenizer.LoadAsync(Path.Combine(_folder, "tokenizer"), TestContext.Current.CancellationToken);

        var actual = new IReadOnlyList<int>[texts.Length];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => actual[i] = fresh.Encode(texts[i], false));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Decoding_an_id_outside_the_vocabulary_names_it()
    {
        var tokenizer = await TrainedAsync();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([5, 500]));

        Assert.Contains("token id 500", error.Message);
    }

    [Fact]
    public async Task Chat_encoding_refuses_a_folder_whose_chat_template_is_not_llama3s()
    {
        var result = await SmallTokenizer.TrainAsync(_folder, 300, TestContext.Current.CancellationToken);
        var config = Path.Combine(result.OutputFolder, "tokenizer_config.json");
        var root = JsonNode.Parse(await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken))!;
        root["chat_template"] = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
        await File.WriteAllTextAsync(config, root.ToJsonString(), TestContext.Current.CancellationToken);
        var tokenizer = await VpoTokenizer.LoadAsync(result.OutputFolder, TestContext.Current.CancellationToken);

        var error = Assert.Throws<InvalidOperationException>(() => tokenizer.EncodeChat("a cat", null));

        Assert.Contains("chat_template", error.Message);
        Assert.NotEmpty(tokenizer.Encode("a cat", false));
    }
}
