using System.Text.Json;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class TokenizerTrainerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-tokenizer-trainer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Trained_vocabulary_has_the_requested_size_with_specials_right_after_the_learned_tokens()
    {
        var result = await SmallTokenizer.TrainAsync(_folder, 400, TestContext.Current.CancellationToken);

        using var tokenizer = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(result.OutputFolder, "tokenizer.json"), TestContext.Current.CancellationToken));
        var vocab = tokenizer.RootElement.GetProperty("model").GetProperty("vocab");
        var added = tokenizer.RootElement.GetProperty("added_tokens").EnumerateArray().ToArray();
        Assert.Equal(400, result.VocabularySize);
        Assert.Equal(395, vocab.EnumerateObject().Count());
        Assert.Equal(Enumerable.Range(0, 395), vocab.EnumerateObject().Select(p => p.Value.GetInt32()).Order());
        Assert.Equal(SpecialTokenNames.All, added.Select(t => t.GetProperty("content").GetString()));
        Assert.Equal([395, 396, 397, 398, 399], added.Select(t => t.GetProperty("id").GetInt32()));
        Assert.All(added, t => Assert.True(t.GetProperty("special").GetBoolean()));
        Assert.Equal(new SpecialTokens(395, 396, 397, 398, 399), result.SpecialTokens);
    }

    [Fact]
    public async Task Tokenizer_json_has_llama3s_byte_level_pipeline()
    {
        var result = await SmallTokenizer.TrainAsync(_folder, 300, TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(result.OutputFolder, "tokenizer.json"), TestContext.Current.CancellationToken));
        var root = document.RootElement;
        var model = root.GetProperty("model");
        Assert.Equal("BPE", model.GetProperty("type").GetString());
        Assert.Equal(result.MergeCount, model.GetProperty("merges").GetArrayLength());
        Assert.All(model.GetProperty("merges").EnumerateArray(), merge => Assert.Equal(2, merge.GetString()!.Split(' ').Length));
        Assert.True(model.GetProperty("ignore_merges").GetBoolean());
        var steps = root.GetProperty("pre_tokenizer").GetProperty("pretokenizers").EnumerateArray().ToArray();
        Assert.Equal("Split", steps[0].GetProperty("type").GetString());
        Assert.Equal(PreTokenizerPattern.Llama3, steps[0].GetProperty("pattern").GetProperty("Regex").GetString());
        Assert.Equal("Isolated", steps[0].GetProperty("behavior").GetString());
        Assert.Equal("ByteLevel", steps[1].GetProperty("type").GetString());
        Assert.False(steps[1].GetProperty("use_regex").GetBoolean());
        Assert.Equal("ByteLevel", root.GetProperty("decoder").GetProperty("type").GetString());
        var template = root.GetProperty("post_processor").GetProperty("processors")[1];
        Assert.Equal("TemplateProcessing", template.GetProperty("type").GetString());
        Assert.Equal("<|begin_of_text|>", template.GetProperty("single")[0].GetProperty("SpecialToken").GetProperty("id").GetString());
        Assert.Equal(result.SpecialTokens.BeginOfText, template.GetProperty("special_tokens").GetProperty("<|begin_of_text|>").GetProperty("ids")[0].GetInt32());
    }

    [Fact]
    public async Task Tokenizer_config_names_bos_eot_as_eos_and_carries_the_llama3_chat_template()
    {
        var result = await SmallTokenizer.TrainAsync(_folder, 300, TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(result.OutputFolder, "tokenizer_config.json"), TestContext.Current.CancellationToken));
        var root = document.RootElement;
        Assert.Equal("<|begin_of_text|>", root.GetProperty("bos_token").GetString());
        Assert.Equal("<|eot_id|>", root.GetProperty("eos_token").GetString());
        Assert.Equal(Llama3ChatFormat.JinjaTemplate, root.GetProperty("chat_template").GetString());
        Assert.Equal("PreTrainedTokenizerFast", root.GetProperty("tokenizer_class").GetString());
        Assert.Equal(2048, root.GetProperty("model_max_length").GetInt32());
        Assert.Equal("<|eot_id|>", root.GetProperty("added_tokens_decoder").GetProperty("299").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Training_twice_on_the_same_corpus_writes_the_same_files()
    {
        var first = await SmallTokenizer.TrainAsync(Path.Combine(_folder, "first"), 350, TestContext.Current.CancellationToken);
        var second = await SmallTokenizer.TrainAsync(Path.Combine(_folder, "second"), 350, TestContext.Current.CancellationToken);

        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(first.OutputFolder, "tokenizer.json"), TestContext.Current.CancellationToken),
            await File.ReadAllTextAsync(Path.Combine(second.OutputFolder, "tokenizer.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_vocabulary_smaller_than_the_bytes_and_specials_is_refused()
    {
        var corpus = Path.Combine(_folder, "corpus.txt");
        await File.WriteAllTextAsync(corpus, "some text", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TokenizerTrainer().TrainAsync(
            new TokenizerTrainingOptions { CorpusFiles = [corpus], VocabularySize = 260, OutputFolder = Path.Combine(_folder, "out") },
            TestContext.Current.CancellationToken));

        Assert.Contains("vocab-size", error.Message);
        Assert.Contains("261", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "out")));
    }

    [Fact]
    public async Task An_empty_corpus_is_refused_naming_the_files()
    {
        var corpus = Path.Combine(_folder, "empty.txt");
        await File.WriteAllTextAsync(corpus, "", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TokenizerTrainer().TrainAsync(
            new TokenizerTrainingOptions { CorpusFiles = [corpus], VocabularySize = 1000, OutputFolder = Path.Combine(_folder, "out") },
            TestContext.Current.CancellationToken));

        Assert.Contains("no text", error.Message);
        Assert.Contains(corpus, error.Message);
    }

    [Fact]
    public async Task A_missing_corpus_file_is_refused_naming_it()
    {
        var missing = Path.Combine(_folder, "missing.txt");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TokenizerTrainer().TrainAsync(
            new TokenizerTrainingOptions { CorpusFiles = [missing], VocabularySize = 1000, OutputFolder = Path.Combine(_folder, "out") },
            TestContext.Current.CancellationToken));

        Assert.Contains($"file not found: {missing}", error.Message);
    }
}
