using Vpo.Training.Checkpoints;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Cli;

public sealed class TieEmbeddingsCommandTests
{
    [Fact]
    public async Task Tie_embeddings_writes_a_tied_model_folder_that_loads_with_its_tokenizer()
    {
        using var folder = new TemporaryDirectory();
        var model = SavedTinyModel.Save(folder);
        var output = folder.Combine("tied");

        var (exitCode, text, error) = await VpoTrainInvocation.RunAsync("tie-embeddings", "--model", model, "--output", output);

        Assert.True(exitCode == 0, error);
        Assert.Contains("lm_head.weight dropped", text, StringComparison.Ordinal);
        using var tied = LlamaCheckpoint.Load(output);
        Assert.True(tied.Config.TieWordEmbeddings);
        Assert.DoesNotContain("lm_head.weight", LlamaCheckpoint.ReadTensors(output).Keys);
        Assert.Equal(File.ReadAllText(Path.Combine(model, "tokenizer.json")), File.ReadAllText(Path.Combine(output, "tokenizer.json")));
    }

    [Fact]
    public async Task Tie_embeddings_refuses_a_tied_model_with_exit_code_2_and_writes_nothing()
    {
        using var folder = new TemporaryDirectory();
        var model = SavedTinyModel.Save(folder, tied: true);
        var output = folder.Combine("tied");

        var (exitCode, _, error) = await VpoTrainInvocation.RunAsync("tie-embeddings", "--model", model, "--output", output);

        Assert.Equal(2, exitCode);
        Assert.Contains("already tied", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
