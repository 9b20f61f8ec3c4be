namespace Vpo.Training.Construction.Critique;

/// <summary>Reads a critique's verdict exactly as the authors' script does.</summary>
public static class JudgementParser
{
    /// <summary>The marker before the verdict.</summary>
    public const string Marker = "Final Judgement (Yes or No)";

    /// <summary>
    /// Null when the critique has no <see cref="Marker"/> (the critique is skipped); otherwise true when the text after
    /// the first marker (up to a second one, as Python's <c>split(marker)[1]</c>) contains <c>Yes</c>, case-sensitive.
    /// </summary>
    public static bool? Parse(string critique)
    {
        ArgumentNullException.ThrowIfNull(critique);
        var first = critique.IndexOf(Marker, StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var start = first + Marker.Length;
        var second = critique.IndexOf(Marker, start, StringComparison.Ordinal);
        var verdict = second < 0 ? critique[start..] : critique[start..second];
        return verdict.Contains("Yes", StringComparison.Ordinal);
    }
}
