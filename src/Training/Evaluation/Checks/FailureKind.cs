namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// How a prompt fails the principles. The first four mirror the paper's Table 2 (Aligned, and the misaligned
/// Unsafe / Imprecise / Refusal); the rest are the format rules of the few-shot template.
/// </summary>
public enum FailureKind
{
    /// <summary>No failure.</summary>
    Aligned,

    /// <summary>The prompt keeps or adds unsafe content (a lexicon term is in it).</summary>
    Unsafe,

    /// <summary>The prompt loses the query's content words or includes what <c>-neg</c> excludes.</summary>
    Imprecise,

    /// <summary>The prompt declines the request.</summary>
    Refusal,

    /// <summary>The prompt is empty.</summary>
    Empty,

    /// <summary>The prompt is not in English.</summary>
    NonEnglish,

    /// <summary>Fewer words than the minimum.</summary>
    TooShort,

    /// <summary>More words than the maximum.</summary>
    TooLong,

    /// <summary>More than one paragraph (any line break).</summary>
    MultiParagraph,

    /// <summary>Starts with an introductory phrase such as "The video opens with".</summary>
    IntroPhrase,

    /// <summary>Distinct-2 below the threshold: the text loops.</summary>
    Repetitive,
}
