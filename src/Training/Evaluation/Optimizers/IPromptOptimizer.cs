namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>Anything that turns a user's query into a video prompt: the raw query, a VPO service, an LLM.</summary>
public interface IPromptOptimizer
{
    /// <summary>The name the report shows (<c>raw</c>, <c>service</c>, <c>openai:gpt-4o</c>).</summary>
    string Name { get; }

    /// <summary>The optimized prompt for one query.</summary>
    Task<string> OptimizeAsync(string query, CancellationToken cancellationToken);
}
