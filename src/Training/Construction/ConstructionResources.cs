namespace Vpo.Training.Construction;

/// <summary>Reads the prompt texts and data files the construction pipeline ships inside the assembly (its <c>Resources</c> folders and <c>data/visionreward</c>).</summary>
public static class ConstructionResources
{
    private const string Prefix = "Vpo.Training.Construction.";

    /// <summary>Opens an embedded resource by its file name, e.g. <c>critique.txt</c>.</summary>
    /// <exception cref="InvalidOperationException">The assembly does not carry it (a build problem).</exception>
    public static Stream Open(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return typeof(ConstructionResources).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new InvalidOperationException($"Embedded resource '{fileName}' is missing from {typeof(ConstructionResources).Assembly.GetName().Name}.");
    }

    /// <summary>The whole text of a resource, line endings normalised to LF.</summary>
    public static string Read(string fileName)
    {
        using var reader = new StreamReader(Open(fileName));
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A prompt text without the file's final line break (the prompt sent to a model ends where the text ends).</summary>
    public static string ReadPrompt(string fileName) => Read(fileName).TrimEnd('\n');

    /// <summary>The non-empty lines of a list file; lines starting with <c>#</c> are comments.</summary>
    public static IReadOnlyList<string> ReadLines(string fileName) => ParseLines(Read(fileName));

    /// <summary>The non-empty, non-comment lines of a list text.</summary>
    public static IReadOnlyList<string> ParseLines(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
    }
}
