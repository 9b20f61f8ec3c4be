using System.ComponentModel.DataAnnotations;

namespace Vpo.Training.Construction.Curation;

/// <summary>The rule thresholds and the diversity threshold of query curation.</summary>
public sealed record CurationSettings
{
    /// <summary>Fewest words (flags aside).</summary>
    [Range(1, 1000)]
    public int MinWords { get; init; } = 3;

    /// <summary>Most words (flags aside).</summary>
    [Range(1, 10_000)]
    public int MaxWords { get; init; } = 120;

    /// <summary>Most characters of the decoded text.</summary>
    [Range(1, 100_000)]
    public int MaxCharacters { get; init; } = 1000;

    /// <summary>Largest share of symbol characters.</summary>
    [Range(0.0, 1.0)]
    public double MaxSpecialShare { get; init; } = 0.2;

    /// <summary>A query is dropped when its BLEU against a kept query reaches this.</summary>
    [Range(0.01, 1.0)]
    public double SelfBleuThreshold { get; init; } = 0.7;

    /// <summary>Blocked keywords; null for the shipped list.</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (MinWords > MaxWords)
        {
            throw new ValidationException($"MinWords ({MinWords}) exceeds MaxWords ({MaxWords}).");
        }
    }
}
