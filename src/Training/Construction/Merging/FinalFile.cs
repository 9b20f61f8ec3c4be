using System.Text;
using System.Text.Json;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Merging;

/// <summary>Writes a finished data set: to a temporary file first, then moved over the target, so a reader never sees half a file.</summary>
public static class FinalFile
{
    /// <summary>Writes one JSON object a line.</summary>
    public static async Task WriteJsonlAsync<T>(string path, IEnumerable<T> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var builder = new StringBuilder();
        foreach (var record in records)
        {
            builder.Append(JsonSerializer.Serialize(record, StageJson.Options)).Append('\n');
        }

        await WriteTextAsync(path, builder.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one indented JSON document.</summary>
    public static Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken) =>
        WriteTextAsync(path, JsonSerializer.Serialize(value, new JsonSerializerOptions(StageJson.Options) { WriteIndented = true }) + "\n", cancellationToken);

    /// <summary>Writes text through a temporary file.</summary>
    public static async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        await File.WriteAllTextAsync(partial, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(partial, full, overwrite: true);
    }
}
