using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Checking;

/// <summary>What the automatic checks found in a whole SFT set.</summary>
/// <param name="Pairs">Pairs checked.</param>
/// <param name="Passing">Pairs that fail no check.</param>
/// <param name="FailuresByKind">Pairs failing each check (a pair can fail several).</param>
/// <param name="MeanCoverage">Mean share of the query's content words kept, over the pairs where it is measured (English queries with content words); null when none is.</param>
/// <param name="CoverageMeasured">Pairs with a measured coverage.</param>
/// <param name="LowestCoverage">The measured pairs keeping the least of their query, fewest first.</param>
public sealed record SftSetSummary(
    int Pairs,
    int Passing,
    IReadOnlyDictionary<FailureKind, int> FailuresByKind,
    double? MeanCoverage,
    int CoverageMeasured,
    IReadOnlyList<SftPairCheck> LowestCoverage);
