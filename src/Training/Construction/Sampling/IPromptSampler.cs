namespace Vpo.Training.Construction.Sampling;

/// <summary>Draws prompts for a query from the SFT model (the preference stage's four samples).</summary>
public interface IPromptSampler
{
    /// <summary><paramref name="count"/> independent samples for <paramref name="query"/>, each trimmed.</summary>
    Task<IReadOnlyList<string>> SampleAsync(string query, int count, CancellationToken cancellationToken);
}
