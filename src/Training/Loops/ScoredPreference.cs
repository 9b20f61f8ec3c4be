using Vpo.Training.Data;

namespace Vpo.Training.Loops;

/// <summary>A preference pair with the frozen reference model's sequence log-probabilities of both responses.</summary>
/// <param name="Pair">The encoded pair.</param>
/// <param name="ReferenceChosen">log π_ref(chosen | prompt).</param>
/// <param name="ReferenceRejected">log π_ref(rejected | prompt).</param>
public sealed record ScoredPreference(PreferenceExample Pair, double ReferenceChosen, double ReferenceRejected);
