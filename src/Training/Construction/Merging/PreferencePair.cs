using Vpo.Training.Data;

namespace Vpo.Training.Construction.Merging;

/// <summary>
/// One preference pair in the trainers' JSONL format (<c>query</c>, <c>chosen</c>, <c>rejected</c>, <c>source</c>),
/// with how it was found: <c>critique</c> (LLM critique and refinement), <c>checks</c> (the automatic principle
/// checks) or <c>visionreward</c> (video-level scores).
/// </summary>
/// <param name="Query">The raw query.</param>
/// <param name="Chosen">The preferred prompt.</param>
/// <param name="Rejected">The dispreferred prompt.</param>
/// <param name="Source">Text- or video-level feedback (written <c>text</c> / <c>video</c>, as <see cref="PreferenceDataReader"/> reads it).</param>
/// <param name="Feedback">What judged the pair.</param>
/// <param name="ChosenScore">The chosen video's reward score (video pairs).</param>
/// <param name="RejectedScore">The rejected video's reward score (video pairs).</param>
public sealed record PreferencePair(string Query, string Chosen, string Rejected, PreferenceSource Source, string Feedback, double? ChosenScore = null, double? RejectedScore = null);
