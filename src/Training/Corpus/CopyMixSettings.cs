namespace Vpo.Training.Corpus;

/// <summary>How much of each kind of document a copy mix holds (<see cref="CopyMixBuilder"/>).</summary>
/// <param name="Spans">Random-word spans written twice.</param>
/// <param name="CorpusLines">Lines of the pretraining corpus kept as they are, so the model keeps its language.</param>
/// <param name="MinSpanWords">Fewest words of a span.</param>
/// <param name="MaxSpanWords">Most words of a span.</param>
/// <param name="Seed">Seed of the spans, the corpus lines picked and the shuffle.</param>
public sealed record CopyMixSettings(int Spans = 20_000, int CorpusLines = 20_000, int MinSpanWords = 8, int MaxSpanWords = 20, int Seed = 5)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the option at fault.</summary>
    public void Validate()
    {
        if (Spans < 0) throw new ArgumentException($"--spans must be 0 or more (got {Spans}).");
        if (CorpusLines < 0) throw new ArgumentException($"--corpus-lines must be 0 or more (got {CorpusLines}).");
        if (MinSpanWords < 1 || MaxSpanWords < MinSpanWords)
        {
            throw new ArgumentException($"span lengths must satisfy 1 <= min <= max (got {MinSpanWords}..{MaxSpanWords}).");
        }
    }
}
