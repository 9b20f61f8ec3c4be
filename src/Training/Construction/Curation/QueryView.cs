namespace Vpo.Training.Construction.Curation;

/// <summary>A query as the curation rules see it.</summary>
/// <param name="Raw">The query as released.</param>
/// <param name="Text">HTML entities decoded, whitespace collapsed (<see cref="QueryText.Normalize"/>).</param>
/// <param name="Body">The text without its Midjourney-style flags (<see cref="QueryFlags.Strip"/>): what the user asks to see.</param>
public sealed record QueryView(string Raw, string Text, string Body)
{
    /// <summary>The view of a raw query.</summary>
    public static QueryView Of(string raw)
    {
        var text = QueryText.Normalize(raw);
        return new QueryView(raw, text, QueryFlags.Strip(text));
    }
}
