using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Vpo.Training.Data;

/// <summary>Reads JSON Lines files: one JSON object per line, blank lines allowed.</summary>
public static class JsonlFile
{
    /// <summary>Streams each line's object with its 1-based line number; a malformed line fails with its number.</summary>
    public static async IAsyncEnumerable<(int Line, JsonElement Record)> ReadObjectsAsync(
        string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new TrainingDataException(path, null, "file not found.");
        }

        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(text);
                element = document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new TrainingDataException(path, lineNumber, $"not valid JSON ({exception.Message}).", exception);
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new TrainingDataException(path, lineNumber, $"expected a JSON object, got {element.ValueKind}.");
            }

            yield return (lineNumber, element);
        }
    }

    /// <summary>A required, non-blank string field of a record.</summary>
    public static string RequiredString(JsonElement record, string field, string path, int line)
    {
        if (!record.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new TrainingDataException(path, line, $"missing required field \"{field}\" (a non-empty string).");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new TrainingDataException(path, line, $"field \"{field}\" must be a string, got {value.ValueKind}.");
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TrainingDataException(path, line, $"field \"{field}\" is empty; expected a non-empty string.");
        }

        return text;
    }
}
