namespace Vpo.Training.Construction.Merging;

/// <summary>One SFT example in the trainers' JSONL format.</summary>
/// <param name="Query">The raw query.</param>
/// <param name="Prompt">The prompt the model should answer with.</param>
/// <param name="Refined">Whether the prompt is the judge's refinement of a misaligned first prompt.</param>
public sealed record SftExample(string Query, string Prompt, bool Refined);
