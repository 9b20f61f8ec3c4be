using System.CommandLine;
using Vpo.Training.Corpus;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train corpus</c>: query lists and text files in, one plain-text corpus file out.</summary>
public static class CorpusCommand
{
    public static Command Create()
    {
        var queries = new Option<string[]>("--queries") { Description = "JSON arrays of query strings (e.g. sft_queries.json).", AllowMultipleArgumentsPerToken = true };
        var text = new Option<string[]>("--text") { Description = "UTF-8 text files, one document per line.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--output") { Description = "Corpus file to write.", Required = true };
        var command = new Command("corpus", "Build a plain-text corpus for tokenizer training and pretraining.") { queries, text, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var queryFiles = parseResult.GetValue(queries) ?? [];
            var textFiles = parseResult.GetValue(text) ?? [];
            var missing = queryFiles.Concat(textFiles).FirstOrDefault(f => !File.Exists(f));
            if (queryFiles.Length + textFiles.Length == 0 || missing is not null)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync(missing is null
                    ? "corpus: give at least one --queries or --text file"
                    : $"corpus: no such file: {missing}");
                return 1;
            }
            try
            {
                var path = parseResult.GetValue(output)!.FullName;
                var lines = await CorpusWriter.WriteAsync(queryFiles, textFiles, path, cancellationToken);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"corpus: {lines:N0} lines in {path}");
                return 0;
            }
            catch (InvalidDataException error)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"corpus: {error.Message}");
                return 1;
            }
        });
        return command;
    }
}
