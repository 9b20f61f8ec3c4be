using System.Text.Json;

namespace Vpo.Training.Data;

/// <summary>
/// Reads query lists, the one reader of every command that takes queries: a JSON array (of strings, or of objects with
/// a string field <c>query</c>) — the released lists — or JSON Lines (one string or one such object per line), such as
/// a construction stage's output. A torn last line of a JSON Lines file still being appended to is skipped.
/// </summary>
public static class QueryListReader
{
    /// <summary>Every query of the file, in order.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file, or one element or line of it, is not in a supported shape; the message names it.</exception>
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Query file '{path}' does not exist.", path);
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
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({ex.Message}); expected an array of queries.", ex);
        }

        using (document)
        {
            var queries = new List<string>();
            var position = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                queries.Add(ReadQuery(element) ?? throw new InvalidDataException(
                    $"{path}: element {position} is {element.ValueKind}, expected a string or an object with a string field 'query'."));
                position++;
            }

            return queries;
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

            string? query;
            try
            {
                using var document = JsonDocument.Parse(line);
                query = ReadQuery(document.RootElement);
            }
            catch (JsonException ex)
            {
                // The last line of a file another process is appending to may be cut off; it is not an error.
                if (i == lines.Length - 1)
                {
                    break;
                }

                throw new InvalidDataException($"{path} line {i + 1}: not valid JSON ({ex.Message}).", ex);
            }

            queries.Add(query ?? throw new InvalidDataException(
                $"{path} line {i + 1}: expected a JSON string or an object with a string field 'query'."));
        }

        return queries;
    }

    private static string? ReadQuery(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Object when element.TryGetProperty("query", out var query) && query.ValueKind == JsonValueKind.String => query.GetString(),
        _ => null,
    };
}
