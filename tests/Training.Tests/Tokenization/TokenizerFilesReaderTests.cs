using System.Text.Json.Nodes;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class TokenizerFilesReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vpo-tokenizer-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private async Task<string> TrainedFolderAsync() =>
        (await SmallTokenizer.TrainAsync(_folder, 300, TestContext.Current.CancellationToken)).OutputFolder;

    private static async Task EditAsync(string path, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        edit(root);
        await File.WriteAllTextAsync(path, root.ToJsonString(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Reads_the_files_the_trainer_wrote()
    {
        var folder = await TrainedFolderAsync();

        var files = await TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken);

        Assert.Equal(295, files.Vocabulary.Count);
        Assert.Equal(300, files.VocabularySize);
        Assert.Equal(new SpecialTokens(295, 296, 297, 298, 299), files.SpecialTokens);
        Assert.True(files.IgnoreMerges);
        Assert.Equal("<|eot_id|>", files.EosToken);
        Assert.Equal(2048, files.ModelMaxLength);
    }

    [Fact]
    public async Task A_tokenizer_json_that_is_not_json_names_the_file_and_line()
    {
        var folder = await TrainedFolderAsync();
        var path = Path.Combine(folder, "tokenizer.json");
        await File.WriteAllTextAsync(path, "{\n  \"model\": {\n    \"vocab\": {,\n", TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains("not valid JSON at line 3", error.Message);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("model.vocab")]
    [InlineData("model.merges")]
    public async Task A_tokenizer_json_without_the_bpe_model_names_the_missing_field(string field)
    {
        var folder = await TrainedFolderAsync();
        await EditAsync(Path.Combine(folder, "tokenizer.json"), root =>
        {
            if (field == "model")
            {
                root.Remove("model");
            }
            else
            {
                root["model"]!.AsObject().Remove(field["model.".Length..]);
            }
        });

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal(field, error.Field);
        Assert.Contains($"tokenizer.json: field '{field}': is missing", error.Message);
    }

    [Fact]
    public async Task A_missing_special_token_is_named()
    {
        var folder = await TrainedFolderAsync();
        await EditAsync(Path.Combine(folder, "tokenizer.json"), root =>
        {
            var added = root["added_tokens"]!.AsArray();
            added.Remove(added.Single(token => token!["content"]!.GetValue<string>() == "<|eot_id|>"));
        });

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal("added_tokens", error.Field);
        Assert.Contains("<|eot_id|> is missing", error.Message);
    }

    [Fact]
    public async Task A_merge_of_tokens_outside_the_vocabulary_is_named_by_its_index()
    {
        var folder = await TrainedFolderAsync();
        var index = -1;
        await EditAsync(Path.Combine(folder, "tokenizer.json"), root =>
        {
            var merges = root["model"]!["merges"]!.AsArray();
            index = merges.Count;
            merges.Add("zz qq");
        });

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal($"model.merges[{index}]", error.Field);
        Assert.Contains("\"zz\" is not in model.vocab", error.Message);
    }

    [Fact]
    public async Task A_vocabulary_without_every_byte_symbol_is_refused()
    {
        var folder = await TrainedFolderAsync();
        await EditAsync(Path.Combine(folder, "tokenizer.json"), root => root["model"]!["vocab"]!.AsObject().Remove("Ġ"));

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal("model.vocab", error.Field);
        Assert.Contains("byte 0x20", error.Message);
    }

    [Fact]
    public async Task A_different_pre_tokenizer_is_refused_rather_than_encoded_differently()
    {
        var folder = await TrainedFolderAsync();
        await EditAsync(Path.Combine(folder, "tokenizer.json"), root =>
            root["pre_tokenizer"] = JsonNode.Parse("""{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true}"""));

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal("pre_tokenizer", error.Field);
    }

    [Fact]
    public async Task A_missing_tokenizer_config_or_chat_template_is_named()
    {
        var folder = await TrainedFolderAsync();
        var config = Path.Combine(folder, "tokenizer_config.json");
        await EditAsync(config, root => root.Remove("chat_template"));

        var missingTemplate = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));
        File.Delete(config);
        var missingFile = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal("chat_template", missingTemplate.Field);
        Assert.Equal(config, missingTemplate.FilePath);
        Assert.Equal(config, missingFile.FilePath);
        Assert.Contains("file not found", missingFile.Message);
    }

    [Fact]
    public async Task An_eos_token_that_is_not_an_added_token_is_named()
    {
        var folder = await TrainedFolderAsync();
        await EditAsync(Path.Combine(folder, "tokenizer_config.json"), root => root["eos_token"] = "</s>");

        var error = await Assert.ThrowsAsync<TokenizerFileException>(() => TokenizerFiles.LoadAsync(folder, TestContext.Current.CancellationToken));

        Assert.Equal("eos_token", error.Field);
        Assert.Contains("\"</s>\"", error.Message);
    }
}
