namespace Vpo.Training.Construction.Curation;

/// <summary>A rule-based curation filter.</summary>
public interface IQueryRule
{
    /// <summary>The rule's name in the report (<c>length</c>, <c>special-characters</c>, <c>keywords</c>).</summary>
    string Name { get; }

    /// <summary>What the rule removes, for the report.</summary>
    string Description { get; }

    /// <summary>Null to keep the query; otherwise why it is removed.</summary>
    string? Reject(QueryView query);
}
