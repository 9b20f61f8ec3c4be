namespace Vpo.Training.Evaluation;

/// <summary>Reads the data and prompt files the evaluation ships inside the assembly (the <c>Resources</c> folders).</summary>
public static class ResourceText
{
    private const string Prefix = "Vpo.Training.Evaluation.";

    /// <summary>Opens an embedded resource by its file name, e.g. <c>unsafe-lexicon.json</c>.</summary>
    public static Stream Open(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return typeof(ResourceText).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{fileName}' is missing from {typeof(ResourceText).Assembly.GetName().Name}.");
    }

    /// <summary>The whole text of an embedded resource, with line endings normalised to LF.</summary>
    public static string Read(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>
    /// A prompt template: the resource text without its final line break, so the file can end in a newline
    /// while the prompt sent to a model does not.
    /// </summary>
    public static string ReadTemplate(string fileName) => Read(fileName).TrimEnd('\n');

    /// <summary>The words of a one-word-a-line list; blank lines and lines starting with <c>#</c> are skipped.</summary>
    public static IReadOnlySet<string> ReadWordList(string fileName)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Read(fileName).Split('\n'))
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word.ToLowerInvariant());
            }
        }

        return words;
    }
}
