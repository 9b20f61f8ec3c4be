namespace Vpo.Training.Construction.Reward;

/// <summary>The reward endpoint answered, but not with one yes/no answer per question.</summary>
/// <param name="message">What is wrong, naming the field.</param>
/// <param name="answer">The endpoint's body (shortened), for the failures file.</param>
public sealed class RewardAnswerException(string message, string? answer) : Exception(message)
{
    /// <summary>The endpoint's body.</summary>
    public string? Answer { get; } = answer;
}
