namespace Vpo.Training.Diagnostics;

/// <summary>
/// The textbook copying task that checks a model core: rows of random tokens in which a span is written twice in a
/// row. The tokens carry no statistics, so only reading the context predicts the repeat, and because the span's
/// length varies, so does the distance to the repeat — no fixed relative position can copy it, only content-based
/// (induction) attention. <see cref="CopyingProbe"/> measures the result on fresh spans.
/// </summary>
public static class RepeatedSpans
{
    /// <summary>Smallest token id drawn: 0 and 1 are left to begin- and end-of-text.</summary>
    public const int FirstToken = 2;

    /// <summary><paramref name="length"/> tokens drawn uniformly from <see cref="FirstToken"/> .. vocabulary - 1.</summary>
    public static int[] RandomTokens(Random random, int length, int vocabulary)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Enumerable.Range(0, length).Select(_ => random.Next(FirstToken, vocabulary)).ToArray();
    }

    /// <summary>
    /// One training row: <paramref name="beginOfText"/>, then random tokens in which a span of
    /// <paramref name="minimumSpan"/>–<paramref name="maximumSpan"/> tokens and its repeat sit at a random place.
    /// </summary>
    public static int[] Row(Random random, int length, int vocabulary, int beginOfText, int minimumSpan, int maximumSpan)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1 + (2 * maximumSpan));
        var row = new int[length];
        row[0] = beginOfText;
        Array.Copy(RandomTokens(random, length - 1, vocabulary), 0, row, 1, length - 1);
        var span = RandomTokens(random, random.Next(minimumSpan, maximumSpan + 1), vocabulary);
        var start = 1 + random.Next(0, length - 1 - (2 * span.Length) + 1);
        Array.Copy(span, 0, row, start, span.Length);
        Array.Copy(span, 0, row, start + span.Length, span.Length);
        return row;
    }
}
