using System.ComponentModel.DataAnnotations;
using Vpo.Inference.Generation;
using Vpo.Training.Evaluation.Chat;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Optimizers;

namespace Vpo.Training.Evaluation.Running;

/// <summary>Everything an evaluation run needs; validated before anything runs.</summary>
public sealed record EvaluationSettings : IValidatableObject
{
    /// <summary>The query file (JSON array or JSON Lines).</summary>
    [Required]
    public required string QueryFile { get; init; }

    /// <summary>The folder for <c>results.jsonl</c> and the report.</summary>
    [Required]
    public required string OutputFolder { get; init; }

    /// <summary>The optimizers, in the order they run and appear in the report.</summary>
    [Required]
    public required IReadOnlyList<OptimizerSpec> Optimizers { get; init; }

    /// <summary>Evaluate only this many queries.</summary>
    [Range(1, int.MaxValue)]
    public int? Limit { get; init; }

    /// <summary>Sample the queries with this seed (else the first ones); also seeds the few-shot examples.</summary>
    public int? Seed { get; init; }

    /// <summary>The judge model; null for no LLM judge.</summary>
    public string? JudgeModel { get; init; }

    /// <summary>The OpenAI-compatible endpoint for <c>openai=</c> optimizers and the judge.</summary>
    public ChatEndpointOptions? ChatEndpoint { get; init; }

    /// <summary>A JSON array of example prompts for Figure 7's slots; null for the shipped ones.</summary>
    public string? DemonstrationsFile { get; init; }

    /// <summary>Queries in flight at once per optimizer.</summary>
    [Range(1, 64)]
    public int Concurrency { get; init; } = 4;

    /// <summary>How long one call to the VPO service may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ServiceTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The most tokens a <c>model=</c> optimizer generates per prompt (the authors allowed 1024).</summary>
    [Range(1, 1_000_000)]
    public int MaxNewTokens { get; init; } = 1024;

    /// <summary>Sampling temperature of <c>model=</c> optimizers (the authors': 0.7); 0 decodes greedily.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; init; } = SamplingOptions.PublishedTemperature;

    /// <summary>Nucleus (top-p) mass of <c>model=</c> optimizers (the authors': 1.0, the whole vocabulary).</summary>
    [Range(0.01, 1.0)]
    public double TopP { get; init; } = SamplingOptions.PublishedTopP;

    /// <summary>Worst examples quoted per failure kind.</summary>
    [Range(0, 50)]
    public int ExamplesPerKind { get; init; } = 3;

    /// <summary>The check thresholds.</summary>
    public PrincipleCheckOptions Thresholds { get; init; } = PrincipleCheckOptions.Default;

    /// <summary>Throws on the first invalid setting, naming its option.</summary>
    /// <exception cref="ValidationException">The first invalid setting.</exception>
    public void ValidateOrThrow()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        Thresholds.ValidateOrThrow();
    }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Optimizers.Count == 0)
        {
            yield return new ValidationResult($"Give at least one --optimizer ({OptimizerSpec.Forms}).", [nameof(Optimizers)]);
        }

        var needsEndpoint = JudgeModel is not null || Optimizers.Any(o => o.Kind == OptimizerKind.OpenAi);
        if (needsEndpoint && ChatEndpoint is null)
        {
            yield return new ValidationResult(
                $"openai= optimizers and --judge-model need an OpenAI-compatible endpoint: give --base-url or set {ChatEndpointOptions.BaseUrlVariable}.",
                [nameof(ChatEndpoint)]);
        }

        var duplicates = Optimizers.GroupBy(o => o).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            yield return new ValidationResult($"--optimizer given twice: {string.Join(", ", duplicates)}.", [nameof(Optimizers)]);
        }

        var folderNames = Optimizers.Where(o => o.Kind == OptimizerKind.ModelFolder)
            .GroupBy(o => new DirectoryInfo(Path.GetFullPath(o.Argument)).Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (folderNames.Count > 0)
        {
            yield return new ValidationResult(
                $"Two model= folders share the name {string.Join(", ", folderNames)}; their results would share the name 'model:<folder>'.", [nameof(Optimizers)]);
        }

        if (Optimizers.Count(o => o.Kind == OptimizerKind.Service) > 1)
        {
            yield return new ValidationResult("Only one service= optimizer per run (their results would share the name 'service').", [nameof(Optimizers)]);
        }
    }
}
