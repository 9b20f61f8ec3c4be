namespace Vpo.Training.Evaluation.Checks;

/// <summary>Every finding of the automatic principle checks for one (query, prompt) pair.</summary>
public sealed record PrincipleReport
{
    /// <summary>The query's text with entities decoded and flags removed.</summary>
    public required string QueryBody { get; init; }

    /// <summary>The prompt that was checked.</summary>
    public required string Output { get; init; }

    /// <summary>The most serious failure (<see cref="FailureKind.Aligned"/> when there is none).</summary>
    public required FailureKind Kind { get; init; }

    /// <summary>Every failure, most serious first.</summary>
    public required IReadOnlyList<FailureKind> Failures { get; init; }

    /// <summary>True when no check failed.</summary>
    public bool IsAligned => Failures.Count == 0;

    /// <summary>
    /// The verdict in Table 2's terms, from the content checks only (format rules aside):
    /// Refusal, Unsafe, Imprecise (also for an empty prompt), else Aligned.
    /// </summary>
    public FailureKind Table2Category =>
        Failures.Contains(FailureKind.Refusal) ? FailureKind.Refusal
        : Failures.Contains(FailureKind.Unsafe) ? FailureKind.Unsafe
        : Failures.Contains(FailureKind.Imprecise) || Failures.Contains(FailureKind.Empty) ? FailureKind.Imprecise
        : FailureKind.Aligned;

    /// <summary>The query's content words (stop words, request words, flags and unsafe terms excluded), one per stem.</summary>
    public required IReadOnlyList<string> ContentWords { get; init; }

    /// <summary>The content words the prompt does not contain.</summary>
    public required IReadOnlyList<string> MissingWords { get; init; }

    /// <summary>Share of content words kept; null when it cannot be measured (a non-English query, no content words).</summary>
    public required double? Coverage { get; init; }

    /// <summary>The items of the query's <c>-neg</c> flags.</summary>
    public required IReadOnlyList<string> NegativeItems { get; init; }

    /// <summary>The <c>-neg</c> items the prompt nevertheless contains.</summary>
    public required IReadOnlyList<string> ViolatedNegativeItems { get; init; }

    /// <summary>The query's other <c>-xxx</c> constraints (<c>camera zoom in</c>), for the reader; not scored.</summary>
    public required IReadOnlyList<string> Constraints { get; init; }

    /// <summary>Whether the query asks for unsafe content, and in which categories.</summary>
    public required UnsafeQueryLabel QuerySafety { get; init; }

    /// <summary>The lexicon terms in the prompt.</summary>
    public required IReadOnlyList<UnsafeTermMatch> UnsafeTermsInOutput { get; init; }

    /// <summary>Words in the prompt.</summary>
    public required int WordCount { get; init; }

    /// <summary>Non-empty blocks of text separated by line breaks.</summary>
    public required int ParagraphCount { get; init; }

    /// <summary>The introductory phrase the prompt starts with, or null.</summary>
    public required string? IntroPhrase { get; init; }

    /// <summary>The refusal phrase found in the prompt, or null.</summary>
    public required string? RefusalPhrase { get; init; }

    /// <summary>Unique words over all words.</summary>
    public required double Distinct1 { get; init; }

    /// <summary>Unique word pairs over all word pairs.</summary>
    public required double Distinct2 { get; init; }

    /// <summary>Whether the prompt is English.</summary>
    public required bool IsEnglish { get; init; }
}
