namespace Vpo.Training.Tokenization;

/// <summary>What a tokenizer training run produced and how long it took.</summary>
/// <param name="OutputFolder">Folder holding tokenizer.json and tokenizer_config.json.</param>
/// <param name="VocabularySize">Total vocabulary, special tokens included.</param>
/// <param name="MergeCount">Merge rules learned.</param>
/// <param name="PreTokenCount">Pre-tokens in the corpus.</param>
/// <param name="DistinctPreTokens">Distinct pre-tokens in the corpus.</param>
/// <param name="SpecialTokens">Ids of the special tokens.</param>
/// <param name="CountingTime">Time spent reading and splitting the corpus.</param>
/// <param name="MergingTime">Time spent learning merges.</param>
public sealed record TokenizerTrainingResult(
    string OutputFolder,
    int VocabularySize,
    int MergeCount,
    long PreTokenCount,
    int DistinctPreTokens,
    SpecialTokens SpecialTokens,
    TimeSpan CountingTime,
    TimeSpan MergingTime);
