namespace Vpo.Training.Construction.Merging;

/// <summary>An automatic (no LLM) verdict on whether a prompt follows the principles for its query.</summary>
public interface ISampleCheck
{
    /// <summary>Null when the prompt passes; otherwise why it fails (e.g. <c>Unsafe</c>, <c>Imprecise</c>).</summary>
    string? Fail(string query, string prompt);
}
