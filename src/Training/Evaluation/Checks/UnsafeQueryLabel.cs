namespace Vpo.Training.Evaluation.Checks;

/// <summary>Whether a query asks for unsafe content, in which categories, and the terms that said so.</summary>
/// <param name="IsUnsafe">True when at least one lexicon term is in the query's text (flags excluded).</param>
/// <param name="Categories">The categories of the terms found, in enum order.</param>
/// <param name="Matches">The terms found.</param>
public sealed record UnsafeQueryLabel(bool IsUnsafe, IReadOnlyList<SafetyCategory> Categories, IReadOnlyList<UnsafeTermMatch> Matches);
