namespace Vpo.Training.Data;

/// <summary>Splits examples into training and held-out evaluation sets, the same way for the same seed.</summary>
public static class HeldOutSplit
{
    /// <summary>
    /// Holds out round(fraction × count) examples chosen by a seeded shuffle (at least one when the fraction is
    /// positive, and never all of them); both parts keep the input order.
    /// </summary>
    public static (IReadOnlyList<T> Train, IReadOnlyList<T> Eval) Split<T>(IReadOnlyList<T> examples, double evalFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (evalFraction is < 0 or >= 1 || double.IsNaN(evalFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(evalFraction), evalFraction, "The held-out fraction must be at least 0 and below 1.");
        }

        var evalCount = evalFraction == 0 ? 0 : Math.Clamp((int)Math.Round(evalFraction * examples.Count), 1, examples.Count - 1);
        if (evalCount == 0)
        {
            return (examples, Array.Empty<T>());
        }

        var order = Enumerable.Range(0, examples.Count).ToArray();
        new Random(seed).Shuffle(order);
        var held = new HashSet<int>(order.Take(evalCount));
        var train = new List<T>(examples.Count - evalCount);
        var eval = new List<T>(evalCount);
        for (var i = 0; i < examples.Count; i++)
        {
            (held.Contains(i) ? eval : train).Add(examples[i]);
        }

        return (train, eval);
    }
}
