using System.ComponentModel.DataAnnotations;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>Thresholds of the automatic principle checks. Defaults follow the paper (about 100 words, one paragraph).</summary>
public sealed record PrincipleCheckOptions : IValidatableObject
{
    /// <summary>Fewer words than this is <see cref="FailureKind.TooShort"/>.</summary>
    [Range(1, 10_000)]
    public int MinWords { get; init; } = 40;

    /// <summary>More words than this is <see cref="FailureKind.TooLong"/>.</summary>
    [Range(1, 10_000)]
    public int MaxWords { get; init; } = 160;

    /// <summary>The length the few-shot template asks for ("around 100 words"); reports measure the distance to it.</summary>
    [Range(1, 10_000)]
    public int IdealWords { get; init; } = 100;

    /// <summary>Below this share of the query's content words kept, the prompt is <see cref="FailureKind.Imprecise"/>.</summary>
    [Range(0.0, 1.0)]
    public double MinCoverage { get; init; } = 0.8;

    /// <summary>Below this distinct-2 the prompt is <see cref="FailureKind.Repetitive"/>.</summary>
    [Range(0.0, 1.0)]
    public double MinDistinct2 { get; init; } = 0.75;

    /// <summary>Query words with stems at least this long also count as kept when the prompt has them with one typo fixed.</summary>
    [Range(1, 100)]
    public int MinFuzzyStemLength { get; init; } = 5;

    /// <summary>Above this share of non-Latin letters a text is not English.</summary>
    [Range(0.0, 1.0)]
    public double MaxNonLatinLetterShare { get; init; } = 0.3;

    /// <summary>The defaults.</summary>
    public static PrincipleCheckOptions Default { get; } = new();

    /// <summary>Throws when a threshold is out of range or the word limits contradict each other, naming the field.</summary>
    /// <exception cref="ValidationException">The first invalid field.</exception>
    public void ValidateOrThrow() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinWords > MaxWords)
        {
            yield return new ValidationResult(
                $"MinWords ({MinWords}) must not exceed MaxWords ({MaxWords}).", [nameof(MinWords), nameof(MaxWords)]);
        }

        if (IdealWords < MinWords || IdealWords > MaxWords)
        {
            yield return new ValidationResult(
                $"IdealWords ({IdealWords}) must lie between MinWords ({MinWords}) and MaxWords ({MaxWords}).", [nameof(IdealWords)]);
        }
    }
}
