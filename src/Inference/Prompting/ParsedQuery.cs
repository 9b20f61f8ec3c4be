namespace Vpo.Inference.Prompting;

/// <summary>A user query split into its text, its Midjourney-style flags and the video settings they ask for.</summary>
/// <param name="Original">The query as received.</param>
/// <param name="Body">The query's text: HTML entities decoded, flags removed, spaces collapsed.</param>
/// <param name="Flags">The flags in order of appearance.</param>
/// <param name="NegativeItems">The items of every <c>-neg</c> / <c>--no</c> flag, split at commas.</param>
/// <param name="Generation">The video-generation settings of the named flags, for the API's <c>generation</c> object.</param>
public sealed record ParsedQuery(
    string Original,
    string Body,
    IReadOnlyList<QueryFlag> Flags,
    IReadOnlyList<string> NegativeItems,
    GenerationParameters Generation)
{
    /// <summary>The <c>-xxx</c> constraints the prompt should follow, as "name value".</summary>
    public IReadOnlyList<string> Constraints =>
        Flags.Where(f => f.Kind == QueryFlagKind.Constraint).Select(f => (f.Name + " " + f.Value).Trim()).ToList();
}
