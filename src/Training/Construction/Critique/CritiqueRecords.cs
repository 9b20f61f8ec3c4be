using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Critique;

/// <summary>A query's prompt from Figure 7's few-shot generation.</summary>
/// <param name="Key">The query's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Prompt">The generated prompt.</param>
/// <param name="Examples">Indices of the three demonstrations shown.</param>
public sealed record GeneratedPrompt(string Key, string Query, string Prompt, IReadOnlyList<int> Examples) : IKeyedRecord;

/// <summary>A prompt to be judged: a generated prompt (no sample index) or one of a query's samples.</summary>
/// <param name="Key">The item's key: the query's key, or <see cref="QueryKey.OfSample"/> for a sample.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Sample">The sample's index among the query's samples, or null for an SFT prompt.</param>
public sealed record PromptToJudge(string Key, string Query, string Prompt, int? Sample);

/// <summary>The judge's critique of one prompt.</summary>
/// <param name="Key">The item's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Prompt">The judged prompt.</param>
/// <param name="Sample">The sample index, or null.</param>
/// <param name="Critique">The critique as the judge wrote it.</param>
/// <param name="Aligned">The verdict: true when the text after the marker contains "Yes".</param>
public sealed record CritiqueRecord(string Key, string Query, string Prompt, int? Sample, string Critique, bool Aligned) : IKeyedRecord;

/// <summary>The refinement of a prompt the judge found misaligned.</summary>
/// <param name="Key">The item's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Prompt">The misaligned prompt.</param>
/// <param name="Sample">The sample index, or null.</param>
/// <param name="Refined">The refined prompt (between the markers, one line).</param>
/// <param name="Response">The judge's whole refinement answer (its reflection included).</param>
public sealed record RefinementRecord(string Key, string Query, string Prompt, int? Sample, string Refined, string Response) : IKeyedRecord;
