using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vpo.Training.Tokenization;

/// <summary>Trains the project's byte-level BPE tokenizer on corpus files and writes it in Hugging Face format.</summary>
public sealed class TokenizerTrainer(ILoggerFactory? loggerFactory = null)
{
    private readonly ILoggerFactory _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;

    /// <summary>Counts the corpus's pre-tokens, learns merges up to the vocabulary size and writes the tokenizer folder.</summary>
    /// <exception cref="ArgumentException">The options are invalid or the corpus holds no text; the message names the option.</exception>
    public async Task<TokenizerTrainingResult> TrainAsync(TokenizerTrainingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems));
        }
        var logger = _loggerFactory.CreateLogger<TokenizerTrainer>();

        var clock = Stopwatch.StartNew();
        var counts = await PreTokenCounter.CountAsync(options.CorpusFiles, SpecialTokenNames.All, cancellationToken);
        var countingTime = clock.Elapsed;
        if (counts.Total == 0)
        {
            throw new ArgumentException($"corpus: the corpus files hold no text: {string.Join(", ", options.CorpusFiles)}");
        }
        logger.LogInformation("Counted {PreTokens} pre-tokens ({Distinct} distinct) in {Files} files in {Seconds:F1} s",
            counts.Total, counts.Counts.Count, options.CorpusFiles.Count, countingTime.TotalSeconds);

        clock.Restart();
        var learnedSize = options.VocabularySize - SpecialTokenNames.All.Count;
        var model = new BpeTrainer(_loggerFactory.CreateLogger<BpeTrainer>())
            .Train(counts.Counts, learnedSize, options.MinFrequency, cancellationToken);
        var mergingTime = clock.Elapsed;
        if (model.Tokens.Count < learnedSize)
        {
            logger.LogWarning("No pair occurs {MinFrequency} times any more: the vocabulary stops at {Size} tokens instead of {Requested}",
                options.MinFrequency, model.Tokens.Count + SpecialTokenNames.All.Count, options.VocabularySize);
        }

        var specials = await HuggingFaceTokenizerWriter.WriteAsync(options.OutputFolder, model, options.ModelMaxLength, cancellationToken);
        var vocabularySize = model.Tokens.Count + SpecialTokenNames.All.Count;
        logger.LogInformation("Learned {Merges} merges in {Seconds:F1} s; wrote a {Size}-token tokenizer to {Folder}",
            model.Merges.Count, mergingTime.TotalSeconds, vocabularySize, options.OutputFolder);
        return new TokenizerTrainingResult(options.OutputFolder, vocabularySize, model.Merges.Count, counts.Total,
            counts.Counts.Count, specials, countingTime, mergingTime);
    }
}
