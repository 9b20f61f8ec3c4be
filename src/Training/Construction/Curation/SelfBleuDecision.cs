namespace Vpo.Training.Construction.Curation;

/// <summary>What the diversity filter decided about one query.</summary>
/// <param name="Kept">True when no kept query is as similar as the threshold.</param>
/// <param name="Bleu">The BLEU against the kept query that decided (the first at or over the threshold), or 0 when kept.</param>
/// <param name="SimilarTo">The index (in order of keeping) of that kept query, or -1.</param>
public readonly record struct SelfBleuDecision(bool Kept, double Bleu, int SimilarTo);
