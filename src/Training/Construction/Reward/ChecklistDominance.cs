namespace Vpo.Training.Construction.Reward;

/// <summary>The authors' strict dominance between two videos' checklist answers.</summary>
public static class ChecklistDominance
{
    /// <summary>
    /// True when <paramref name="chosen"/> is never "no" where <paramref name="rejected"/> is "yes", and is "yes" where
    /// it is "no" at least once.
    /// </summary>
    /// <exception cref="ArgumentException">The answer lists differ in length.</exception>
    public static bool StrictlyDominates(IReadOnlyList<bool> chosen, IReadOnlyList<bool> rejected)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(rejected);
        if (chosen.Count != rejected.Count)
        {
            throw new ArgumentException($"Answer lists differ in length ({chosen.Count} vs {rejected.Count}).", nameof(rejected));
        }

        var better = false;
        for (var i = 0; i < chosen.Count; i++)
        {
            if (chosen[i] == rejected[i])
            {
                continue;
            }

            if (!chosen[i])
            {
                return false;
            }

            better = true;
        }

        return better;
    }
}
