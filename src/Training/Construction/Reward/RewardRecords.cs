using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Reward;

/// <summary>The checklist answers and score of one rendered sample.</summary>
/// <param name="Key">The sample's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Sample">The sample's index.</param>
/// <param name="Prompt">The sample (the prompt the video was rendered from).</param>
/// <param name="Answers">The endpoint's raw answers.</param>
/// <param name="Yes">The parsed answers.</param>
/// <param name="Score">The weighted sum of the "yes" answers.</param>
public sealed record VideoReward(string Key, string Query, int Sample, string Prompt, IReadOnlyList<string> Answers, IReadOnlyList<bool> Yes, double Score) : IKeyedRecord;
