using System.Globalization;

namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Removes queries that are mostly symbols rather than words: Stable Diffusion weight syntax
/// (<c>((girl:1.9))</c>), emoji strings, markup, control characters. Letters, digits, whitespace and ordinary
/// sentence punctuation count as text; any control or private-use character removes the query outright.
/// </summary>
public sealed class SpecialCharacterRule(double maxShare) : IQueryRule
{
    private const string SentencePunctuation = ".,;:!?'\"-()";

    /// <inheritdoc />
    public string Name => "special-characters";

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"more than {maxShare:P0} of characters are symbols, or any control character");

    /// <inheritdoc />
    public string? Reject(QueryView query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Text;
        if (text.Length == 0)
        {
            return null;
        }

        var special = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse)
            {
                return string.Create(CultureInfo.InvariantCulture, $"control character U+{(int)c:X4}");
            }

            if (!char.IsLetterOrDigit(c) && !char.IsWhiteSpace(c) && !SentencePunctuation.Contains(c, StringComparison.Ordinal)
                && char.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                special++;
            }
        }

        var share = (double)special / text.Length;
        return share > maxShare ? string.Create(CultureInfo.InvariantCulture, $"{share:P0} symbols > {maxShare:P0}") : null;
    }
}
