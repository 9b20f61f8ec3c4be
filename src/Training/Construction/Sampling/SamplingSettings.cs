using System.ComponentModel.DataAnnotations;

namespace Vpo.Training.Construction.Sampling;

/// <summary>How the preference stage samples the SFT model: four samples at temperature 0.9, top-p 0.9 (the authors' setting).</summary>
public sealed record SamplingSettings
{
    /// <summary>Samples per query.</summary>
    [Range(2, 64)]
    public int Count { get; init; } = 4;

    /// <summary>Softmax temperature.</summary>
    [Range(0.0, 2.0)]
    public float Temperature { get; init; } = 0.9f;

    /// <summary>Nucleus mass.</summary>
    [Range(0.0, 1.0)]
    public float TopP { get; init; } = 0.9f;

    /// <summary>The longest answer, in tokens.</summary>
    [Range(1, 8192)]
    public int MaxNewTokens { get; init; } = 1024;

    /// <summary>Throws a <see cref="ValidationException"/> naming the first bad value.</summary>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
