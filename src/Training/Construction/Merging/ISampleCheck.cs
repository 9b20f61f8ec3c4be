namespace Vpo.Training.Construction.Merging;

/// <summary>An automatic (no LLM) verdict on how well a prompt follows the principles for its query.</summary>
public interface ISampleCheck
{
    /// <summary>Which checks the prompt fails and how much of the query's content it keeps.</summary>
    SampleVerdict Judge(string query, string prompt);
}
