using Vpo.Inference.Generation;

namespace Vpo.Inference.Tests.Generation;

public sealed class ModelFolderTests
{
    [Fact]
    public void Opening_a_missing_folder_names_the_path()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "nowhere");

        var error = Assert.Throws<ModelLoadException>(() => ModelFolder.Open(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_genai_config_is_refused_with_the_file_named()
    {
        using var temp = new TempFolder();

        var error = Assert.Throws<ModelLoadException>(() => ModelFolder.Open(temp.Path));

        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("genai_config.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"search\": {}}", "no \"model\" object")]
    [InlineData("{\"model\": {\"decoder\": {\"filename\": \"model.onnx\"}}}", "model.context_length")]
    [InlineData("{\"model\": {\"context_length\": 64}}", "model.decoder.filename")]
    [InlineData("{\"model\": {\"context_length\": 64, \"decoder\": {\"filename\": \"absent.onnx\"}}}", "'absent.onnx'")]
    public void A_broken_genai_config_is_refused_with_what_is_wrong(string config, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(Path.Combine(temp.Path, ModelFolder.ConfigFileName), config);

        var error = Assert.Throws<ModelLoadException>(() => ModelFolder.Open(temp.Path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_a_tokenizer_is_refused()
    {
        using var temp = new TempFolder();
        var copy = temp.CopyOfTinyModel();
        File.Delete(Path.Combine(copy, "tokenizer.json"));

        var error = Assert.Throws<ModelLoadException>(() => ModelFolder.Open(copy));

        Assert.Contains("tokenizer.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fixture_reads_its_context_and_special_tokens()
    {
        var folder = ModelFolder.Open(TinyModel.FolderPath);

        Assert.Equal(4096, folder.ContextLength);
        Assert.True(folder.AddedTokens.ContainsKey("<|eot_id|>"));
    }

    [Fact]
    public void A_relative_path_is_found_by_walking_up_from_the_content_root()
    {
        using var temp = new TempFolder();
        var model = Path.Combine(temp.Path, "onnx");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, ModelFolder.ConfigFileName), "{}");
        var contentRoot = Directory.CreateDirectory(Path.Combine(temp.Path, "src", "Api")).FullName;

        Assert.Equal(model, ModelFolder.Resolve("onnx", contentRoot, "/"));
    }

    [Fact]
    public void A_relative_path_is_found_from_the_application_folder_when_the_content_root_has_none()
    {
        using var temp = new TempFolder();
        var model = Path.Combine(temp.Path, "onnx");
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, ModelFolder.ConfigFileName), "{}");
        var applicationFolder = Directory.CreateDirectory(Path.Combine(temp.Path, "bin", "Release")).FullName;
        using var elsewhere = new TempFolder();

        Assert.Equal(model, ModelFolder.Resolve("onnx", elsewhere.Path, applicationFolder));
    }

    [Fact]
    public void An_unresolvable_relative_path_points_under_the_content_root_so_the_error_names_it()
    {
        using var temp = new TempFolder();

        Assert.Equal(Path.Combine(temp.Path, "no-such-model"), ModelFolder.Resolve("no-such-model", temp.Path, temp.Path));
    }
}
