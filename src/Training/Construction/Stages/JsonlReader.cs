using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Reads the records of a construction JSONL file. A last line without a line break is a record torn by a crash
/// and is skipped (the appender cuts it off); any other line that is not a record is an error naming the line.
/// </summary>
public static class JsonlReader
{
    /// <summary>The records of <paramref name="path"/>; nothing when the file does not exist yet.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a valid record.</exception>
    public static async IAsyncEnumerable<T> ReadAsync<T>(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            yield break;
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var lines = text.Split('\n');
        // The element after the last '\n' is empty for a clean file, a torn record otherwise: never read it.
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            T? record;
            try
            {
                record = JsonSerializer.Deserialize<T>(line, StageJson.Options);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: not a valid {typeof(T).Name} record ({ex.Message}).", ex);
            }

            if (record is null)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: expected a JSON object, got null.");
            }

            yield return record;
        }
    }

    /// <summary>All records of <paramref name="path"/> in a list.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(string path, CancellationToken cancellationToken)
    {
        var records = new List<T>();
        await foreach (var record in ReadAsync<T>(path, cancellationToken).ConfigureAwait(false))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>The records of several files (all shards' outputs), in file order.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var records = new List<T>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"input file not found: {path}", path);
            }

            records.AddRange(await ReadAllAsync<T>(path, cancellationToken).ConfigureAwait(false));
        }

        return records;
    }
}
