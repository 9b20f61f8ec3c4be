using Vpo.Training.Evaluation.Chat;

namespace Vpo.Training.Construction.Critique;

/// <summary>
/// The data-construction prompts: Figure 7 (few-shot generation) and the authors' published critique and refinement
/// (Figure 8 with "(around 5 seconds)" and the <c>-xxx</c> / <c>-neg</c> rule 5), kept byte for byte, typos included,
/// so that a judge sees what the released model's judge saw. The system prompt is the published generic one.
/// </summary>
public static class PublishedPrompts
{
    /// <summary>Figure 7: three example prompts, then the query.</summary>
    public static PromptTemplate FewShotGeneration { get; } = Template("few-shot-generation.txt");

    /// <summary>The critique: query, then prompt.</summary>
    public static PromptTemplate Critique { get; } = Template("critique.txt");

    /// <summary>The refinement turn that follows the critique in the same conversation.</summary>
    public static string Refinement { get; } = ConstructionResources.ReadPrompt("refinement.txt");

    /// <summary>The system prompt of every judge conversation.</summary>
    public static string JudgeSystem { get; } = ConstructionResources.ReadPrompt("judge-system.txt");

    /// <summary>The temperature the authors ran the judge (and the generator) at.</summary>
    public const float JudgeTemperature = 0.7f;

    /// <summary>A construction prompt resource as a <c>{}</c>-slot template (the evaluation's <see cref="PromptTemplate"/>).</summary>
    public static PromptTemplate Template(string fileName) => new(fileName, ConstructionResources.ReadPrompt(fileName));
}
