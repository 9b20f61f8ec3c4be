using System.Text.RegularExpressions;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Tests.Evaluation.Checks;

public sealed partial class QueryFlagParserTests
{
    [Fact]
    public void Format_flags_are_removed_and_the_text_kept()
    {
        var parsed = QueryFlagParser.Parse("a red fox in the snow -ar 16:9 -fps 24 -seed 42 -motion 4 -gs 24");

        Assert.Equal("a red fox in the snow", parsed.Body);
        Assert.Equal(["ar", "fps", "seed", "motion", "gs"], parsed.Flags.Select(f => f.Name));
        Assert.Equal(["16:9", "24", "42", "4", "24"], parsed.Flags.Select(f => f.Value));
        Assert.All(parsed.Flags, f => Assert.Equal(QueryFlagKind.Format, f.Kind));
    }

    [Fact]
    public void Double_dashes_glued_numbers_and_flags_glued_to_a_word_are_flags()
    {
        var parsed = QueryFlagParser.Parse("battle in jerusalem-fps24, -motion4, -gs22, -ar16:9 --v 5.2 --style raw --16:9");

        Assert.Equal("battle in jerusalem", parsed.Body);
        Assert.Equal(["fps", "motion", "gs", "ar", "v", "style", "ar"], parsed.Flags.Select(f => f.Name));
        Assert.Equal("raw", parsed.Flags.Single(f => f.Name == "style").Value);
    }

    [Fact]
    public void Flags_glued_to_the_number_of_the_flag_before_are_flags()
    {
        var parsed = QueryFlagParser.Parse("friends in a boat, - motion 2--camera zoom in, spies laughing -gs15-motion -2");

        Assert.Equal(["motion", "camera", "gs", "motion"], parsed.Flags.Select(f => f.Name));
        Assert.Equal("friends in a boat", parsed.Body);
    }

    [Fact]
    public void Hyphenated_words_are_not_flags()
    {
        var parsed = QueryFlagParser.Parse("spider-man plays hide-and-seek in a sci-fi city at well-lit night near a 2-story house");

        Assert.Empty(parsed.Flags);
        Assert.Equal("spider-man plays hide-and-seek in a sci-fi city at well-lit night near a 2-story house", parsed.Body);
    }

    [Fact]
    public void Neg_items_are_split_at_commas_and_unquoted_after_decoding_entities()
    {
        var parsed = QueryFlagParser.Parse("dancers on mars --neg &quot;weird, sexy, erotic&quot; --ar 21:11");

        Assert.Equal("dancers on mars", parsed.Body);
        Assert.Equal(["weird", "sexy", "erotic"], parsed.NegativeItems);
    }

    [Fact]
    public void Repeated_neg_flags_and_no_flags_all_collect_items()
    {
        var parsed = QueryFlagParser.Parse("aurora in the sky -neg low quality, -neg, blurry, -neg stars --no people");

        Assert.Equal(["low quality", "blurry", "stars", "people"], parsed.NegativeItems);
        Assert.Equal("aurora in the sky", parsed.Body);
    }

    [Fact]
    public void Camera_and_other_constraints_run_to_the_next_flag()
    {
        var parsed = QueryFlagParser.Parse("a lighthouse in a storm -camera zoom in -motion 4 -cinematic");

        Assert.Equal("a lighthouse in a storm", parsed.Body);
        Assert.Equal(["camera zoom in", "cinematic"], parsed.Constraints);
        Assert.Equal(QueryFlagKind.Format, parsed.Flags.Single(f => f.Name == "motion").Kind);
    }

    [Fact]
    public void Html_entities_are_decoded_before_flags_are_read()
    {
        var parsed = QueryFlagParser.Parse("It&#39;s night and dark. -ar&#160;16:9&#160;-motion&#160;4");

        Assert.Equal("It's night and dark.", parsed.Body);
        Assert.Equal(["ar", "motion"], parsed.Flags.Select(f => f.Name));
    }

    [Fact]
    public void Undashed_format_settings_ratios_and_durations_are_format_requirements()
    {
        var parsed = QueryFlagParser.Parse("man and his dog on the street.seed5277716590725521818 gs 24 in 16:9, a 10 seconds duration clip");

        Assert.Equal("man and his dog on the street. in, a clip", parsed.Body);
        Assert.Equal(["seed", "gs", "ar", "duration"], parsed.Flags.Select(f => f.Name));
    }

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
