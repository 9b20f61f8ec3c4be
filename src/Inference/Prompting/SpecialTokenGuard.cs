using System.Buffers;
using System.Text;

namespace Vpo.Inference.Prompting;

/// <summary>
/// Keeps text a client sent from being read as the model's special tokens. The tokenizer matches the text of every
/// special token (<c>&lt;|eot_id|&gt;</c>, <c>&lt;|start_header_id|&gt;</c>, ...) anywhere in its input, so a query
/// or message that spells one out would end the turn or open a new one with any role the client likes. The guard
/// puts a zero-width space after the first character of every such spelling, so it is encoded as ordinary text and
/// still reads the same to a person.
/// </summary>
public sealed class SpecialTokenGuard
{
    /// <summary>The character that breaks a special token's spelling.</summary>
    public const char Breaker = '\u200B';

    private readonly string[] _tokens;
    private readonly SearchValues<char> _firstCharacters;

    /// <summary>Creates the guard for the special tokens of a tokenizer, by their text.</summary>
    public SpecialTokenGuard(IEnumerable<string> specialTokens)
    {
        ArgumentNullException.ThrowIfNull(specialTokens);
        // A one-character token has no inside to break; no tokenizer the service loads has one.
        _tokens = [.. specialTokens.Where(token => token.Length > 1).Distinct(StringComparer.Ordinal)];
        _firstCharacters = SearchValues.Create([.. _tokens.Select(token => token[0]).Distinct()]);
    }

    /// <summary>The special tokens the guard breaks.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>
    /// Returns <paramref name="text"/> with every occurrence of a special token's spelling broken, overlapping ones
    /// included; text without any is returned as it is.
    /// </summary>
    public string Neutralize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var next = span.IndexOfAny(_firstCharacters);
        if (next < 0)
        {
            return text;
        }

        StringBuilder? result = null;
        var copied = 0;
        for (var at = next; at < span.Length; at++)
        {
            if (!StartsSpecialToken(span[at..]))
            {
                continue;
            }

            result ??= new StringBuilder(text.Length + 8);
            result.Append(span[copied..(at + 1)]).Append(Breaker);
            copied = at + 1;
        }

        return result is null ? text : result.Append(span[copied..]).ToString();
    }

    private bool StartsSpecialToken(ReadOnlySpan<char> rest)
    {
        foreach (var token in _tokens)
        {
            if (rest.StartsWith(token, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
