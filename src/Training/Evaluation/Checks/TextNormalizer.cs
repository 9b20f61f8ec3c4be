using System.Net;
using System.Text;

namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// Brings raw user text into the form every check reads: HTML entities decoded (the released queries
/// carry <c>&amp;#39;</c>, <c>&amp;quot;</c>, <c>&amp;#160;</c>), typographic quotes and apostrophes folded to ASCII,
/// and exotic spaces turned into plain ones.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Decodes HTML entities and folds quotes, apostrophes and spaces; line breaks are kept.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Some queries were encoded twice (&amp;#39;), so decode until the text stops changing.
        var decoded = text;
        for (var pass = 0; pass < 3; pass++)
        {
            var next = WebUtility.HtmlDecode(decoded);
            if (next == decoded)
            {
                break;
            }

            decoded = next;
        }

        var builder = new StringBuilder(decoded.Length);
        foreach (var c in decoded)
        {
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '\u00B4' or '`' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                '\r' => '\n',
                '\t' => ' ',
                _ when c != '\n' && char.IsWhiteSpace(c) => ' ',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
