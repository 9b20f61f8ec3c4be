namespace Vpo.Training.Evaluation.Checks;

/// <summary>A user query split into its text and its Midjourney-style flags.</summary>
/// <param name="Original">The query as received.</param>
/// <param name="Body">The query's text: HTML entities decoded, flags removed, spaces collapsed.</param>
/// <param name="Flags">The flags in order of appearance.</param>
/// <param name="NegativeItems">The items of every <c>-neg</c> / <c>--no</c> flag, split at commas.</param>
public sealed record ParsedQuery(string Original, string Body, IReadOnlyList<QueryFlag> Flags, IReadOnlyList<string> NegativeItems)
{
    /// <summary>The <c>-xxx</c> constraints the prompt should follow, as "name value".</summary>
    public IReadOnlyList<string> Constraints =>
        Flags.Where(f => f.Kind == QueryFlagKind.Constraint).Select(f => (f.Name + " " + f.Value).Trim()).ToList();
}
