namespace Vpo.Inference.Generation;

/// <summary>Turns raw generated text into the prompt a video model gets: one paragraph, no surrounding whitespace.</summary>
public static class AnswerText
{
    // Text forms of stop markers, for models whose tokenizer spells them as ordinary text.
    private static readonly string[] StopMarkers = ["<|eot_id|>", "</s>", "<|end_of_text|>"];

    /// <summary>
    /// Cuts the text at a stop marker, keeps the first non-empty paragraph (paragraphs are separated by blank lines)
    /// and joins its lines with single spaces.
    /// </summary>
    public static string ToSingleParagraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var marker in StopMarkers)
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
            }
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                if (paragraph.Count > 0)
                {
                    break;
                }

                continue;
            }

            paragraph.Add(trimmed);
        }

        return string.Join(' ', paragraph);
    }
}
