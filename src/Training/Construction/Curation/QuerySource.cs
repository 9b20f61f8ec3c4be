using System.Text.Json;

namespace Vpo.Training.Construction.Curation;

/// <summary>Reads queries from a JSON array of strings (the released lists) or a JSONL file of objects with <c>query</c>.</summary>
public static class QuerySource
{
    /// <summary>The queries of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is neither format; the message names the line or element.</exception>
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"query file not found: {path}", path);
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return text.TrimStart().StartsWith('[') ? ReadArray(path, text) : ReadLines(path, text);
    }

    /// <summary>The queries of several files, concatenated in order.</summary>
    public static async Task<IReadOnlyList<string>> ReadAllAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var all = new List<string>();
        foreach (var path in paths)
        {
            all.AddRange(await ReadAsync(path, cancellationToken).ConfigureAwait(false));
        }

        return all;
    }

    private static List<string> ReadArray(string path, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var queries = new List<string>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{path}: element {index} is {element.ValueKind}, expected a string query.");
                }

                queries.Add(element.GetString()!);
                index++;
            }

            return queries;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a JSON array of strings ({ex.Message}).", ex);
        }
    }

    private static List<string> ReadLines(string path, string text)
    {
        var queries = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{path}, line {i + 1}: expected an object with a string \"query\".");
                }

                queries.Add(query.GetString()!);
            }
            catch (JsonException ex)
            {
                // A torn last line of a file still being appended to is not an error.
                if (i == lines.Length - 1)
                {
                    break;
                }

                throw new InvalidDataException($"{path}, line {i + 1}: not JSON ({ex.Message}).", ex);
            }
        }

        return queries;
    }
}
