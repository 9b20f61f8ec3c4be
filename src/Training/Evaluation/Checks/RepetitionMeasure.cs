namespace Vpo.Training.Evaluation.Checks;

/// <summary>Distinct-n: the share of a text's n-grams that are unique (1 when the text is shorter than n words).</summary>
public static class RepetitionMeasure
{
    /// <summary>Unique n-grams over all n-grams of the token sequence.</summary>
    public static double DistinctN(IReadOnlyList<string> tokens, int n)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var total = tokens.Count - n + 1;
        if (total <= 0)
        {
            return 1;
        }

        var unique = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            unique.Add(n == 1 ? tokens[i] : string.Join('\u0001', tokens.Skip(i).Take(n)));
        }

        return (double)unique.Count / total;
    }
}
