using Vpo.Training.Corpus;

namespace Vpo.Training.Tests.Corpus;

public sealed class CopyMixBuilderTests
{
    private static readonly string[] Queries = ["a cat on a skateboard", "two dragons over\na burning city -ar 16:9", "  "];

    private static readonly string[] CorpusLines =
    [
        "The jury praised the administration of the election.",
        "",
        "A lantern floats down the river at dusk.",
        "Quiet snow falls on the harbour while gulls circle.",
        "Café owners sweep the pavement before dawn.",
    ];

    [Fact]
    public void Each_query_is_one_document_of_the_query_written_twice_on_one_line_each()
    {
        var (documents, _) = CopyMixBuilder.Build(Queries, CorpusLines, new CopyMixSettings(Spans: 0, CorpusLines: 0));

        Assert.Equal(
            ["a cat on a skateboard\na cat on a skateboard", "two dragons over a burning city -ar 16:9\ntwo dragons over a burning city -ar 16:9"],
            documents.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Spans_repeat_random_corpus_words_after_a_full_stop()
    {
        var (documents, vocabulary) = CopyMixBuilder.Build([], CorpusLines, new CopyMixSettings(Spans: 50, CorpusLines: 0, MinSpanWords: 3, MaxSpanWords: 6));

        var corpusWords = CorpusLines.SelectMany(l => l.ToLowerInvariant().Split(' ', '.')).ToHashSet();
        Assert.Equal(50, documents.Count);
        Assert.All(documents, document =>
        {
            var halves = document.Split(" . ");
            Assert.Equal(2, halves.Length);
            Assert.Equal(halves[0], halves[1]);
            var words = halves[0].Split(' ');
            Assert.InRange(words.Length, 3, 6);
            Assert.All(words, w => Assert.Contains(w, corpusWords));
        });
        Assert.DoesNotContain("caf", documents.SelectMany(d => d.Split(' ')));
        Assert.True(vocabulary > 15, $"{vocabulary} distinct words");
    }

    [Fact]
    public void Corpus_lines_are_kept_whole_up_to_the_requested_number_and_blank_ones_never()
    {
        var (documents, _) = CopyMixBuilder.Build([], CorpusLines, new CopyMixSettings(Spans: 0, CorpusLines: 3));

        Assert.Equal(3, documents.Count);
        Assert.All(documents, d => Assert.Contains(d, CorpusLines));
        Assert.Equal(3, documents.Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_mix_and_another_seed_another_order()
    {
        var settings = new CopyMixSettings(Spans: 20, CorpusLines: 4, Seed: 9);

        var first = CopyMixBuilder.Build(Queries, CorpusLines, settings).Documents;
        var again = CopyMixBuilder.Build(Queries, CorpusLines, settings).Documents;
        var other = CopyMixBuilder.Build(Queries, CorpusLines, settings with { Seed = 10 }).Documents;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Bad_sizes_are_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => CopyMixBuilder.Build(Queries, CorpusLines, new CopyMixSettings(Spans: -1)));

        Assert.Contains("--spans", error.Message, StringComparison.Ordinal);
    }
}
