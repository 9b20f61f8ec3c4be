namespace Vpo.Training.Construction.Curation;

/// <summary>
/// A cheap pre-filter before the LLM safety judge (the authors used Detoxify): queries it does not flag are labelled
/// safe without a judge call.
/// </summary>
public interface IUnsafeQueryScreen
{
    /// <summary>Whether the query might be unsafe and needs the judge.</summary>
    bool Flags(string query);
}

/// <summary>No pre-filter: every query goes to the judge.</summary>
public sealed class JudgeEveryQuery : IUnsafeQueryScreen
{
    /// <inheritdoc />
    public bool Flags(string query) => true;
}
