using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Evaluation.Judging;

/// <summary>The LLM judge's verdict on one prompt, with the texts it rests on.</summary>
/// <param name="Status">Whether a judgement was obtained.</param>
/// <param name="IsAligned">The judgement (null unless judged).</param>
/// <param name="Category">Table 2's category: Aligned, or Unsafe / Imprecise / Refusal for a misaligned prompt (null unless judged).</param>
/// <param name="CategorySource"><c>judge</c> when the judge named the category, <c>checks</c> when the automatic checks had to.</param>
/// <param name="Critique">The critique as the judge wrote it.</param>
/// <param name="CategoryAnswer">The judge's answer to the category question, if asked.</param>
/// <param name="Error">Why the judge failed.</param>
public sealed record JudgeVerdict(
    JudgeStatus Status,
    bool? IsAligned,
    FailureKind? Category,
    string? CategorySource,
    string? Critique,
    string? CategoryAnswer,
    string? Error);
