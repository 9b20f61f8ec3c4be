using System.Text;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

/// <summary>Trains a small tokenizer on generated English-like text into a test's own folder.</summary>
internal static class SmallTokenizer
{
    public static async Task<TokenizerTrainingResult> TrainAsync(string folder, int vocabularySize, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var corpus = Path.Combine(folder, "corpus.txt");
        await File.WriteAllTextAsync(corpus, Corpus(), cancellationToken);
        return await new TokenizerTrainer().TrainAsync(new TokenizerTrainingOptions
        {
            CorpusFiles = [corpus],
            VocabularySize = vocabularySize,
            OutputFolder = Path.Combine(folder, "tokenizer"),
        }, cancellationToken);
    }

    private static string Corpus()
    {
        var random = new Random(11);
        string[] common = ["a", "cat", "walks", "through", "the", "neon", "city", "at", "night", "slow", "motion", "drone", "shot", "of", "waves", "cinematic", "lighting", "4k", "golden", "hour"];
        string[] syllables = ["ka", "lo", "mi", "ren", "sto", "va", "pel", "dru", "xi", "on"];
        // Made-up words add rarer pairs, so larger vocabularies have something left to learn.
        var madeUp = Enumerable.Range(0, 200).Select(i => syllables[i % 10] + syllables[i / 10 % 10] + syllables[(i * 7 + 3) % 10]).ToArray();
        var text = new StringBuilder();
        for (var sentence = 0; sentence < 3000; sentence++)
        {
            var length = random.Next(4, 12);
            for (var i = 0; i < length; i++)
            {
                text.Append(i == 0 ? "" : " ").Append(random.Next(4) > 0 ? common[random.Next(common.Length)] : madeUp[random.Next(madeUp.Length)]);
            }
            text.Append(random.Next(4) == 0 ? ", 16:9.\n" : ".\n");
        }
        return text.ToString();
    }
}
