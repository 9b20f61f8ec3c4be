namespace Vpo.Training.Construction.Curation;

/// <summary>What curation removed and why, and how long each step took.</summary>
/// <param name="Input">Queries read.</param>
/// <param name="Rules">Per rule, in the order applied (a query is counted by the first rule that removes it).</param>
/// <param name="Diversity">The self-BLEU step.</param>
/// <param name="Kept">Queries kept.</param>
/// <param name="Seconds">Wall time per step: <c>rules</c>, <c>diversity</c>, <c>total</c>.</param>
public sealed record CurationReport(int Input, IReadOnlyList<RuleCount> Rules, DiversityCount Diversity, int Kept, IReadOnlyDictionary<string, double> Seconds);

/// <summary>One rule's removals.</summary>
/// <param name="Name">The rule.</param>
/// <param name="Description">What it removes.</param>
/// <param name="Removed">How many queries it removed.</param>
/// <param name="Examples">A few removed queries with the reason.</param>
public sealed record RuleCount(string Name, string Description, int Removed, IReadOnlyList<RemovedQuery> Examples);

/// <summary>A removed query and why.</summary>
/// <param name="Query">The raw query.</param>
/// <param name="Reason">Why it was removed.</param>
public sealed record RemovedQuery(string Query, string Reason);

/// <summary>The self-BLEU step's removals.</summary>
/// <param name="Threshold">The BLEU at which a query counts as a near-duplicate.</param>
/// <param name="Removed">How many queries it removed (exact duplicates included).</param>
/// <param name="ExactDuplicates">Of those, how many were identical to a kept query after normalization.</param>
/// <param name="Comparisons">Exact BLEU computations made (the index skips the rest).</param>
/// <param name="Examples">A few removed queries with the kept query they resemble.</param>
public sealed record DiversityCount(double Threshold, int Removed, int ExactDuplicates, long Comparisons, IReadOnlyList<NearDuplicate> Examples);

/// <summary>A query dropped for resembling a kept one.</summary>
/// <param name="Query">The dropped raw query.</param>
/// <param name="KeptQuery">The kept raw query it resembles.</param>
/// <param name="Bleu">Their BLEU.</param>
public sealed record NearDuplicate(string Query, string KeptQuery, double Bleu);
