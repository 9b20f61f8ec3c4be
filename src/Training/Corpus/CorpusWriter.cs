using System.Text;
using System.Text.Json;
using Vpo.Training.Data;

namespace Vpo.Training.Corpus;

/// <summary>
/// Writes a plain-text corpus (one document per line) for tokenizer training and pretraining. Queries are kept
/// exactly as users typed them — HTML entities, flags and typos included — because that is what the service
/// receives; queries of the validation split are left out so no training stage sees them.
/// </summary>
public static class CorpusWriter
{
    /// <summary>Writes every source to <paramref name="outputPath"/> (a temporary file moved into place at the end).</summary>
    public static async Task<CorpusCounts> WriteAsync(CorpusSources sources, string outputPath, CancellationToken cancellationToken)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in sources.ExcludedQueryFiles)
        {
            excluded.UnionWith(await QueryListReader.ReadAsync(file, cancellationToken));
        }

        var temporary = outputPath + ".partial";
        long queries = 0, skipped = 0, prompts = 0, textLines = 0, brown = 0;
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(false)))
        {
            async Task<bool> WriteAsync(string text)
            {
                var line = text.ReplaceLineEndings(" ").Trim();
                if (line.Length == 0) return false;
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                return true;
            }

            foreach (var file in sources.QueryFiles)
            {
                foreach (var query in await QueryListReader.ReadAsync(file, cancellationToken))
                {
                    if (excluded.Contains(query)) skipped++;
                    else if (await WriteAsync(query)) queries++;
                }
            }
            foreach (var file in sources.SftFiles)
            {
                await foreach (var prompt in ReadPromptsAsync(file, cancellationToken))
                {
                    if (await WriteAsync(prompt)) prompts++;
                }
            }
            foreach (var file in sources.TextFiles)
            {
                await foreach (var text in File.ReadLinesAsync(file, cancellationToken))
                {
                    if (await WriteAsync(text)) textLines++;
                }
            }
            if (sources.BrownFolder is not null)
            {
                foreach (var file in BrownCorpusReader.Files(sources.BrownFolder))
                {
                    await foreach (var sentence in BrownCorpusReader.ReadSentencesAsync(file, cancellationToken))
                    {
                        if (await WriteAsync(sentence)) brown++;
                    }
                }
            }
        }
        File.Move(temporary, outputPath, overwrite: true);
        return new CorpusCounts(queries, skipped, prompts, textLines, brown);
    }

    private static async IAsyncEnumerable<string> ReadPromptsAsync(string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string? prompt;
            try
            {
                using var document = JsonDocument.Parse(line);
                prompt = document.RootElement.TryGetProperty("prompt", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            }
            catch (JsonException error)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not valid JSON ({error.Message}).", error);
            }
            yield return prompt ?? throw new InvalidDataException($"{path}:{lineNumber}: no string field \"prompt\".");
        }
    }
}
