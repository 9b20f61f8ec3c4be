using System.Text.Json;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Inference.Prompting;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

/// <summary>
/// The tokenizer shipped with the committed tiny model (tests/Fixtures/tiny-llama), read by
/// <see cref="VpoTokenizer"/> and by the tokenizer ONNX Runtime GenAI builds from the loaded model, as the
/// service does: training and serving must agree on the ids of every query.
/// </summary>
public sealed class CommittedModelTokenizerTests
{
    private static readonly string Folder = LocateFixture();

    private static string LocateFixture()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VPO.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "Fixtures", "tiny-llama");
            }
        }
        throw new InvalidOperationException($"No VPO.sln above {AppContext.BaseDirectory}");
    }

    [Fact]
    public async Task Queries_and_vpo_prompts_encode_as_the_served_models_tokenizer_encodes_them()
    {
        var ours = await VpoTokenizer.LoadAsync(Folder, TestContext.Current.CancellationToken);
        using var model = new Model(Folder);
        using var theirs = new Tokenizer(model);
        var mismatches = new List<string>();

        // A sample: every query is compared with a trained tokenizer in OnnxRuntimeGenAiParityTests; this
        // one checks the tokenizer the runtime builds from a loaded model, byte for byte on this fixture.
        foreach (var (query, index) in VpoQueries.All.Where((_, i) => i % 5 == 0).Select((query, index) => (query, index)))
        {
            var text = index % 10 == 0 ? Llama3ChatFormat.RenderPrompt(VpoInstruction.Format(query)) : query;
            using var sequences = theirs.Encode(text);
            var expected = sequences[0].ToArray();
            var actual = index % 10 == 0 ? ours.EncodeChat(VpoInstruction.Format(query), null).Ids : ours.Encode(text, addBeginOfText: false);
            if (!actual.SequenceEqual(expected))
            {
                mismatches.Add(JsonSerializer.Serialize(text));
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} differ, first: {string.Join(Environment.NewLine, mismatches.Take(3))}");
    }

    [Fact]
    public async Task The_served_model_stops_at_the_end_of_turn_token_the_tokenizer_names()
    {
        var files = await TokenizerFiles.LoadAsync(Folder, TestContext.Current.CancellationToken);
        using var model = new Model(Folder);
        using var tokenizer = new Tokenizer(model);

        Assert.Equal(files.SpecialTokens.BeginOfText, tokenizer.GetBosTokenId());
        Assert.Contains(files.SpecialTokens.EndOfTurn, tokenizer.GetEosTokenIds().ToArray());
        Assert.Equal(SpecialTokenNames.EndOfTurn, files.EosToken);
    }
}
