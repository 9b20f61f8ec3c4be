using System.Net;
using System.Text;

namespace Vpo.Training.Construction.Curation;

/// <summary>
/// The text the curation rules look at: the raw query with HTML entities decoded (VidProM stores <c>&amp;quot;</c>,
/// sometimes twice encoded) and runs of whitespace collapsed. The curated files keep the raw query.
/// </summary>
public static class QueryText
{
    /// <summary>The decoded, whitespace-collapsed text of <paramref name="raw"/>.</summary>
    public static string Normalize(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw;
        for (var i = 0; i < 2 && text.Contains('&', StringComparison.Ordinal); i++)
        {
            text = WebUtility.HtmlDecode(text);
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Words: runs of non-whitespace.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
