using System.Globalization;
using System.Text.Json;

namespace Vpo.Training.Construction.Reward;

/// <summary>
/// VisionReward-Video's checklist: 64 yes/no questions about a video (THUDM/VisionReward,
/// <c>VisionReward_video_qa.txt</c>, Apache-2.0) and the 64 weights the VPO authors score with
/// (<c>visionreward-weights.json</c>). <c>[[prompt]]</c> in the alignment questions is replaced by the user's query,
/// as in the authors' reward outputs.
/// </summary>
public sealed class VisionRewardChecklist
{
    /// <summary>The placeholder for the query in the alignment questions.</summary>
    public const string Placeholder = "[[prompt]]";

    /// <summary>Creates a checklist; questions and weights must pair one to one.</summary>
    /// <exception cref="ArgumentException">Counts differ, or there are no questions.</exception>
    public VisionRewardChecklist(IReadOnlyList<string> questions, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(weights);
        if (questions.Count == 0 || questions.Count != weights.Count)
        {
            throw new ArgumentException($"The checklist has {questions.Count} questions but {weights.Count} weights; they must pair one to one.", nameof(weights));
        }

        Questions = questions;
        Weights = weights;
    }

    /// <summary>The checklist and weights shipped with the assembly (64 each).</summary>
    public static VisionRewardChecklist Default { get; } = new(
        ConstructionResources.ReadLines("visionreward-video-checklist.txt"),
        ReadWeights(ConstructionResources.Read("visionreward-weights.json"), "visionreward-weights.json"));

    /// <summary>The questions, with the placeholder.</summary>
    public IReadOnlyList<string> Questions { get; }

    /// <summary>The weight of each question's "yes".</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>The questions asked about a video made for <paramref name="query"/>.</summary>
    public IReadOnlyList<string> QuestionsFor(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Questions.Select(q => q.Replace(Placeholder, query, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The score: the sum of the weights of the questions answered yes.</summary>
    /// <exception cref="ArgumentException">Not one answer per question.</exception>
    public double Score(IReadOnlyList<bool> yes)
    {
        ArgumentNullException.ThrowIfNull(yes);
        if (yes.Count != Weights.Count)
        {
            throw new ArgumentException($"Expected {Weights.Count} answers, got {yes.Count}.", nameof(yes));
        }

        var score = 0.0;
        for (var i = 0; i < yes.Count; i++)
        {
            score += yes[i] ? Weights[i] : 0.0;
        }

        return score;
    }

    /// <summary>Reads a JSON array of numbers.</summary>
    /// <exception cref="InvalidDataException">The text is not a JSON array of finite numbers.</exception>
    public static IReadOnlyList<double> ReadWeights(string json, string sourceName)
    {
        try
        {
            var weights = JsonSerializer.Deserialize<List<double>>(json);
            if (weights is null || weights.Count == 0 || weights.Any(w => !double.IsFinite(w)))
            {
                throw new InvalidDataException($"{sourceName}: expected a JSON array of finite numbers.");
            }

            return weights;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{sourceName}: expected a JSON array of numbers ({ex.Message})."), ex);
        }
    }
}
