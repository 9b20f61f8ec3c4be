namespace Vpo.Training.Tokenization;

/// <summary>What to train a tokenizer on and how big to make it.</summary>
public sealed record TokenizerTrainingOptions
{
    /// <summary>The smallest vocabulary: the 256 byte tokens plus the Llama 3 special tokens.</summary>
    public static int MinimumVocabularySize => 256 + SpecialTokenNames.All.Count;

    /// <summary>UTF-8 text files to learn from.</summary>
    public required IReadOnlyList<string> CorpusFiles { get; init; }

    /// <summary>Total vocabulary size, special tokens included (the model's embedding rows).</summary>
    public required int VocabularySize { get; init; }

    /// <summary>Folder that receives tokenizer.json and tokenizer_config.json.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>A pair seen fewer times than this in the corpus is never merged (so the vocabulary can end up smaller).</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>The longest sequence the model takes, written as model_max_length.</summary>
    public int ModelMaxLength { get; init; } = 2048;

    /// <summary>Every problem with these options, each naming the option and the expected value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (CorpusFiles is null || CorpusFiles.Count == 0)
        {
            problems.Add("corpus: at least one corpus file is required");
        }
        else
        {
            problems.AddRange(CorpusFiles.Where(file => !File.Exists(file)).Select(file => $"corpus: file not found: {file}"));
        }
        if (VocabularySize < MinimumVocabularySize)
        {
            problems.Add($"vocab-size: {VocabularySize} is too small; it must be at least {MinimumVocabularySize} (256 byte tokens + {SpecialTokenNames.All.Count} special tokens)");
        }
        if (string.IsNullOrWhiteSpace(OutputFolder))
        {
            problems.Add("output: an output folder is required");
        }
        if (MinFrequency < 1)
        {
            problems.Add($"min-frequency: {MinFrequency} must be at least 1");
        }
        if (ModelMaxLength < 1)
        {
            problems.Add($"model-max-length: {ModelMaxLength} must be at least 1");
        }
        return problems;
    }
}
