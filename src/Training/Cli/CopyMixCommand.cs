using System.CommandLine;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Corpus;
using Vpo.Training.Data;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train copy-mix</c>: queries and the pretraining corpus in, a copy-heavy continued-pretraining text out.</summary>
public static class CopyMixCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var queries = new Option<string[]>("--queries") { Description = "Query lists (JSON arrays or JSON Lines) to write twice each.", Required = true, AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude-queries") { Description = "Query lists to leave out (the validation split).", AllowMultipleArgumentsPerToken = true };
        var corpus = new Option<FileInfo>("--corpus") { Description = "The pretraining corpus (one document per line): span words and kept lines come from it.", Required = true };
        var spans = new Option<int>("--spans") { Description = "Random-word spans, each written twice.", DefaultValueFactory = _ => new CopyMixSettings().Spans };
        var corpusLines = new Option<int>("--corpus-lines") { Description = "Corpus lines kept as they are.", DefaultValueFactory = _ => new CopyMixSettings().CorpusLines };
        var seed = new Option<int>("--seed") { Description = "Seed of the spans, the lines kept and the shuffle.", DefaultValueFactory = _ => new CopyMixSettings().Seed };
        var output = new Option<FileInfo>("--output") { Description = "Text file for `vpo-train pretrain --corpus` (documents separated by blank lines).", Required = true };
        var command = new Command("copy-mix",
            "Write continued-pretraining text that can only be predicted by copying: each query twice, random-word spans twice, plus plain corpus lines, shuffled.")
        {
            queries, exclude, corpus, spans, corpusLines, seed, output,
        };
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var settings = new CopyMixSettings(parseResult.GetValue(spans), parseResult.GetValue(corpusLines), Seed: parseResult.GetValue(seed));
            settings.Validate();
            var corpusPath = parseResult.GetValue(corpus)!.FullName;
            if (!File.Exists(corpusPath))
            {
                throw new FileNotFoundException($"--corpus {corpusPath} not found.", corpusPath);
            }

            IReadOnlyList<string> all, excluded;
            try
            {
                all = await QueryListReader.ReadAllAsync(parseResult.GetValue(queries)!, cancellationToken).ConfigureAwait(false);
                excluded = await QueryListReader.ReadAllAsync(parseResult.GetValue(exclude) ?? [], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException invalid)
            {
                throw new ArgumentException(invalid.Message, invalid);
            }

            var held = excluded.ToHashSet(StringComparer.Ordinal);
            var kept = all.Where(q => !held.Contains(q)).Distinct(StringComparer.Ordinal).ToList();
            var lines = await File.ReadAllLinesAsync(corpusPath, cancellationToken).ConfigureAwait(false);
            var (documents, vocabulary) = CopyMixBuilder.Build(kept, lines, settings);
            var path = parseResult.GetValue(output)!.FullName;
            await FinalFile.WriteTextAsync(path, string.Join("\n\n", documents) + "\n", cancellationToken).ConfigureAwait(false);
            var queryDocuments = documents.Count(d => d.Contains('\n', StringComparison.Ordinal));
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"copy-mix: {documents.Count:N0} documents -> {path} ({queryDocuments:N0} queries written twice, {all.Count(held.Contains):N0} held out; " +
                $"{settings.Spans:N0} spans from {vocabulary:N0} corpus words; {documents.Count - queryDocuments - settings.Spans:N0} corpus lines)").ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
