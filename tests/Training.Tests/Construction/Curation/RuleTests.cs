using Vpo.Training.Construction.Curation;

namespace Vpo.Training.Tests.Construction.Curation;

public sealed class RuleTests
{
    [Theory]
    [InlineData("a cat --ar 16:9 --motion 4", "a cat")]
    [InlineData("A white cat walking in the sand,4k -neg \"blurry\",\"ugly\" -gs 10 -seed:100", "A white cat walking in the sand,4k")]
    [InlineData("a half-man half-horse crossing a river -camera zoom in", "a half-man half-horse crossing a river")]
    [InlineData("temperature drops to -5 degrees in the city", "temperature drops to -5 degrees in the city")]
    public void Flags_and_their_values_are_stripped_and_hyphenated_words_kept(string text, string body) =>
        Assert.Equal(body, QueryFlags.Strip(text));

    [Fact]
    public void Html_entities_are_decoded_even_when_encoded_twice() =>
        Assert.Equal("letter 'D' for \"kids\"", QueryText.Normalize("letter &#39;D&#39;  for &amp;quot;kids&amp;quot;"));

    [Theory]
    [InlineData("cat --ar 16:9 --motion 4", "1 words < 3")]
    [InlineData("a cat sleeps", null)]
    public void Length_counts_words_without_flags(string query, string? reason) =>
        Assert.Equal(reason, new LengthRule(3, 120, 1000).Reject(QueryView.Of(query)));

    [Fact]
    public void Symbol_heavy_queries_and_control_characters_are_removed()
    {
        var rule = new SpecialCharacterRule(0.2);
        Assert.NotNull(rule.Reject(QueryView.Of("(((UE5:1.3))), [[[girl:1.9]]], {{{x}}} ### @@@")));
        Assert.StartsWith("control character", rule.Reject(new QueryView("a\u0007b c d", "a\u0007b c d", "a\u0007b c d")), StringComparison.Ordinal);
        Assert.Null(rule.Reject(QueryView.Of("Filistin kud&#252;ste &#231;ocuklar, a calm evening.")));
    }

    [Fact]
    public void Keyword_rule_names_the_keyword_it_found()
    {
        Assert.Equal("keyword \"https://\"", KeywordRule.Default.Reject(QueryView.Of("see https://example.org/x for the scene")));
        Assert.Null(KeywordRule.Default.Reject(QueryView.Of("prompt:video of a indoor green plant -seed 5846255")));
    }
}
