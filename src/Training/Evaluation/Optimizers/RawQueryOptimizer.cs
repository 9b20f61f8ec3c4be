namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>The baseline: the user's query used as the prompt, unchanged.</summary>
public sealed class RawQueryOptimizer : IPromptOptimizer
{
    /// <inheritdoc />
    public string Name => "raw";

    /// <inheritdoc />
    public Task<string> OptimizeAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(query);
    }
}
