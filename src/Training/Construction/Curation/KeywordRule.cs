namespace Vpo.Training.Construction.Curation;

/// <summary>Removes queries containing a blocked keyword (links, bot commands, requests about the tool), case-insensitively.</summary>
public sealed class KeywordRule : IQueryRule
{
    private readonly IReadOnlyList<string> _keywords;

    /// <summary>A rule over <paramref name="keywords"/>.</summary>
    public KeywordRule(IEnumerable<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        _keywords = keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The keyword list shipped with the assembly (<c>blocked-keywords.txt</c>).</summary>
    public static KeywordRule Default { get; } = new(ConstructionResources.ReadLines("blocked-keywords.txt"));

    /// <inheritdoc />
    public string Name => "keywords";

    /// <inheritdoc />
    public string Description => $"contains one of {_keywords.Count} blocked keywords";

    /// <inheritdoc />
    public string? Reject(QueryView query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Text;
        foreach (var keyword in _keywords)
        {
            if (text.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                return $"keyword \"{keyword}\"";
            }
        }

        return null;
    }
}
