using System.Text;
using System.Text.Json;

namespace Vpo.Training.Corpus;

/// <summary>
/// Writes a plain-text corpus (one document per line) for tokenizer training and pretraining from query lists
/// (JSON arrays of strings, as released with the paper) and text files. Queries are kept exactly as users typed
/// them — HTML entities, flags and typos included — because that is what the service receives.
/// </summary>
public static class CorpusWriter
{
    /// <summary>Appends every source to <paramref name="outputPath"/> (written to a temporary file, then moved into place).</summary>
    /// <returns>The number of lines written.</returns>
    public static async Task<long> WriteAsync(IReadOnlyList<string> queryFiles, IReadOnlyList<string> textFiles, string outputPath,
        CancellationToken cancellationToken)
    {
        var temporary = outputPath + ".partial";
        long lines = 0;
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            foreach (var file in queryFiles)
            {
                foreach (var query in await ReadQueriesAsync(file, cancellationToken))
                {
                    var line = OneLine(query);
                    if (line.Length == 0) continue;
                    await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                    lines++;
                }
            }
            foreach (var file in textFiles)
            {
                await foreach (var text in File.ReadLinesAsync(file, cancellationToken))
                {
                    var line = OneLine(text);
                    if (line.Length == 0) continue;
                    await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                    lines++;
                }
            }
        }
        File.Move(temporary, outputPath, overwrite: true);
        return lines;
    }

    /// <summary>Reads a JSON array of strings; the message names the file and the item that is not a string.</summary>
    public static async Task<IReadOnlyList<string>> ReadQueriesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({error.Message}); expected an array of query strings.", error);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path}: expected a JSON array of query strings, found {document.RootElement.ValueKind}.");
            }
            var queries = new List<string>(document.RootElement.GetArrayLength());
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    throw new InvalidDataException($"{path}: item {index} is {item.ValueKind}, expected a string.");
                }
                queries.Add(item.GetString()!);
                index++;
            }
            return queries;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
