using System.Globalization;

namespace Vpo.Training.Construction.Curation;

/// <summary>Removes queries too short to carry an intent, or too long to be a user's short query.</summary>
public sealed class LengthRule(int minWords, int maxWords, int maxCharacters) : IQueryRule
{
    /// <inheritdoc />
    public string Name => "length";

    /// <inheritdoc />
    public string Description => string.Create(CultureInfo.InvariantCulture, $"fewer than {minWords} or more than {maxWords} words (flags aside), or more than {maxCharacters} characters");

    /// <inheritdoc />
    public string? Reject(QueryView query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = QueryText.CountWords(query.Body);
        return words < minWords ? string.Create(CultureInfo.InvariantCulture, $"{words} words < {minWords}")
            : words > maxWords ? string.Create(CultureInfo.InvariantCulture, $"{words} words > {maxWords}")
            : query.Text.Length > maxCharacters ? string.Create(CultureInfo.InvariantCulture, $"{query.Text.Length} characters > {maxCharacters}")
            : null;
    }
}
