using System.Text.RegularExpressions;
using Vpo.Inference.Prompting;

namespace Vpo.Training.Tests.Evaluation.Checks;

// The parser lives in Vpo.Inference (tests/Inference.Tests/Prompting); these runs over the released query lists
// stay beside the evaluation, which reads those lists.
public sealed partial class ReleasedQueryFlagTests
{
    [Fact]
    public void A_released_query_with_every_kind_of_flag_splits_as_expected()
    {
        var query = RealQueries.Sft.Single(q => q.StartsWith("aerial view of Englan and France", StringComparison.Ordinal));

        var parsed = QueryFlagParser.Parse(query);

        Assert.Equal("aerial view of Englan and France on map with arrows pointing between the countries", parsed.Body);
        Assert.Equal(["camera zoom in"], parsed.Constraints);
        Assert.Equal(12, parsed.NegativeItems.Count);
        Assert.Contains("inconsistent lighting", parsed.NegativeItems);
        Assert.Equal("9:16", parsed.Flags.Single(f => f.Name == "ar").Value);
    }

    [Fact]
    public void No_released_query_keeps_a_known_flag_or_an_html_entity_in_its_text()
    {
        var queries = RealQueries.Sft.Concat(RealQueries.Dpo).ToList();
        var withFlags = 0;
        var leftovers = new List<string>();
        foreach (var query in queries)
        {
            var parsed = QueryFlagParser.Parse(query);
            withFlags += parsed.Flags.Count > 0 ? 1 : 0;
            if (LeftoverFlag().IsMatch(parsed.Body) || parsed.Body.Contains("&#", StringComparison.Ordinal) || parsed.Body.Contains("&quot;", StringComparison.Ordinal))
            {
                leftovers.Add(parsed.Body);
            }
        }

        Assert.True(queries.Count > 20_000, $"expected the ~21k released queries, found {queries.Count}");
        Assert.True(withFlags > 4_000, $"expected thousands of queries with flags, found {withFlags}");
        Assert.True(leftovers.Count == 0, "flags left in the text of:\n" + string.Join("\n", leftovers.Take(10)));
    }

    [GeneratedRegex(@"(?:^|\s)-{1,2}(?:ar|fps|seed|motion|gs|neg|camera)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LeftoverFlag();
}
