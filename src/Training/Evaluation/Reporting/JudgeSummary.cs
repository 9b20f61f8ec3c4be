using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Reporting;

/// <summary>The LLM judge's numbers for one optimizer.</summary>
/// <param name="Judged">Prompts with a verdict.</param>
/// <param name="Skipped">Critiques without a final judgement (skipped, as published).</param>
/// <param name="Failed">Prompts the judge could not be asked about.</param>
/// <param name="Table2">Share per Aligned / Unsafe / Imprecise / Refusal over the judged prompts.</param>
/// <param name="CategoriesFromChecks">Misaligned prompts whose category came from the automatic checks.</param>
/// <param name="AgreementWithChecks">Share of judged prompts where the judge and the automatic content checks agree on aligned or not.</param>
public sealed record JudgeSummary(
    int Judged, int Skipped, int Failed, IReadOnlyDictionary<FailureKind, double> Table2, int CategoriesFromChecks, double AgreementWithChecks);
