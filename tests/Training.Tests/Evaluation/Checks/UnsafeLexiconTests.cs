using System.Text;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Tests.Evaluation.Checks;

public sealed class UnsafeLexiconTests
{
    [Fact]
    public void The_shipped_lexicon_covers_all_twelve_categories_with_many_terms()
    {
        var terms = UnsafeLexicon.Default.Terms;

        Assert.Equal(12, terms.Count);
        Assert.All(Enum.GetValues<SafetyCategory>(), category => Assert.True(terms[category].Count >= 20, $"{category}: {terms[category].Count} terms"));
    }

    [Fact]
    public void Names_match_as_written_while_other_terms_match_by_stem()
    {
        var lexicon = UnsafeLexicon.Default;

        Assert.Empty(lexicon.Find("the transformation of a caterpillar"));
        Assert.Single(lexicon.Find("Transformers fighting in a city"));
        Assert.Equal(SafetyCategory.Violence, Assert.Single(lexicon.Find("a pirate stabbed a sailor")).Category);
    }

    [Fact]
    public void Of_overlapping_terms_only_the_longest_is_reported()
    {
        var match = Assert.Single(UnsafeLexicon.Default.Find("Joe Biden waving"));

        Assert.Equal("joe biden", match.Term);
        Assert.Equal("joe biden", match.Text);
    }

    [Fact]
    public void An_unknown_category_is_rejected_naming_it()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"categories":[{"category":"Spam","terms":["x"]}]}"""));

        Assert.Contains("'Spam'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lexicon_missing_categories_is_rejected_listing_them()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"categories":[{"category":"Gore","terms":["blood"]}]}"""));

        Assert.Contains("Pornography", error.Message, StringComparison.Ordinal);
        Assert.Contains("TemporalRisk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_without_words_is_rejected_naming_its_category()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""{"categories":[{"category":"Gore","terms":["--"]}]}"""));

        Assert.Contains("'Gore'", error.Message, StringComparison.Ordinal);
    }

    private static UnsafeLexicon Load(string json) => UnsafeLexicon.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");
}
