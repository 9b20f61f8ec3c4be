using System.Text.Json;

namespace Vpo.Training.Evaluation.Running;

/// <summary>
/// Reads query files: a JSON array (of strings, or of objects with a string field <c>query</c>) or JSON Lines
/// (one string or one such object per line).
/// </summary>
public static class QueryFile
{
    /// <summary>Every query of the file, in order.</summary>
    /// <exception cref="InvalidDataException">The file, or one line of it, is not in a supported shape; the message names the line.</exception>
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

    /// <summary>
    /// The queries a run evaluates: all of them, or <paramref name="limit"/> of them — the first ones, or, with a
    /// <paramref name="seed"/>, a seeded random sample — each keeping its position in the file.
    /// </summary>
    public static IReadOnlyList<QueryItem> Select(IReadOnlyList<string> queries, int? limit, int? seed)
    {
        ArgumentNullException.ThrowIfNull(queries);
        IEnumerable<QueryItem> items = queries.Select((query, index) => new QueryItem(index, query));
        if (seed is { } s)
        {
            var random = new Random(s);
            items = items.OrderBy(_ => random.Next());
        }

        return (limit is { } n ? items.Take(n) : items).ToList();
    }

    private static List<string> ReadArray(string path, string text)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({ex.Message}).", ex);
        }

        var queries = new List<string>();
        var position = 0;
        foreach (var element in root.EnumerateArray())
        {
            queries.Add(ReadQuery(element) ?? throw new InvalidDataException(
                $"{path}: element {position} is not a string or an object with a string field 'query'."));
            position++;
        }

        return queries;
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
