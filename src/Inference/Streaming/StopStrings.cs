namespace Vpo.Inference.Streaming;

/// <summary>
/// Stop strings matched on the decoded text rather than token by token, because a stop string is usually split
/// across tokens (<c>"\n\n"</c> may be two newline tokens, <c>"END"</c> may be <c>"E"</c> + <c>"ND"</c>).
/// </summary>
public static class StopStrings
{
    /// <summary>
    /// The position of the earliest stop string in <paramref name="text"/> that ends at or after position
    /// <paramref name="searchFrom"/>, or -1. Pass the length the text had before its newest piece, so that only the
    /// matches the newest piece completes are looked for.
    /// </summary>
    public static int FindFirst(ReadOnlySpan<char> text, IReadOnlyList<string> stops, int searchFrom = 0)
    {
        ArgumentNullException.ThrowIfNull(stops);
        var first = -1;
        foreach (var stop in stops)
        {
            var from = Math.Clamp(searchFrom - stop.Length + 1, 0, text.Length);
            var at = text[from..].IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || from + at < first))
            {
                first = from + at;
            }
        }

        return first;
    }

    /// <summary>
    /// How many characters at the end of <paramref name="text"/> could be the start of a stop string, and so must not
    /// be shown yet: the next token may complete the stop string, which is never part of the answer.
    /// </summary>
    public static int HeldBack(ReadOnlySpan<char> text, IReadOnlyList<string> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        var held = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > held; length--)
            {
                if (text.EndsWith(stop.AsSpan(0, length), StringComparison.Ordinal))
                {
                    held = length;
                    break;
                }
            }
        }

        return held;
    }
}
