using System.CommandLine;
using System.Globalization;
using Vpo.Training.Construction;
using Vpo.Training.Construction.Curation;
using Vpo.Training.Construction.Merging;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train data curate</c>: rule-based filters and self-BLEU diversity filtering of raw queries.</summary>
public static class DataCurateCommand
{
    public static Command Create()
    {
        var defaults = new CurationSettings();
        var queries = new Option<string[]>("--queries") { Description = "Query files: JSON arrays of strings or JSONL with \"query\".", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Curated queries (JSONL: key, query).", Required = true };
        var report = new Option<string?>("--report") { Description = "Report JSON (default: <output>.report.json)." };
        var minWords = new Option<int>("--min-words") { Description = "Fewest words, flags aside.", DefaultValueFactory = _ => defaults.MinWords };
        var maxWords = new Option<int>("--max-words") { Description = "Most words, flags aside.", DefaultValueFactory = _ => defaults.MaxWords };
        var maxCharacters = new Option<int>("--max-characters") { Description = "Most characters.", DefaultValueFactory = _ => defaults.MaxCharacters };
        var maxSpecial = new Option<double>("--max-special-share") { Description = "Largest share of symbol characters.", DefaultValueFactory = _ => defaults.MaxSpecialShare };
        var selfBleu = new Option<double>("--self-bleu") { Description = "Drop a query whose BLEU against a kept query reaches this.", DefaultValueFactory = _ => defaults.SelfBleuThreshold };
        var keywords = new Option<string?>("--keywords") { Description = "Blocked-keyword file, one a line (default: the shipped list)." };
        var command = new Command("curate", "Filter raw queries by rules (length, special characters, keywords) and for diversity (self-BLEU).")
        {
            queries, output, report, minWords, maxWords, maxCharacters, maxSpecial, selfBleu, keywords,
        };
        command.SetAction((result, cancellationToken) => DataCommandRunner.RunAsync(result, "curate", async (_, console) =>
        {
            var keywordFile = result.GetValue(keywords);
            var settings = new CurationSettings
            {
                MinWords = result.GetValue(minWords),
                MaxWords = result.GetValue(maxWords),
                MaxCharacters = result.GetValue(maxCharacters),
                MaxSpecialShare = result.GetValue(maxSpecial),
                SelfBleuThreshold = result.GetValue(selfBleu),
                Keywords = keywordFile is null ? null : ConstructionResources.ParseLines(await File.ReadAllTextAsync(keywordFile, cancellationToken)),
            };
            settings.Validate();
            var all = await Vpo.Training.Data.QueryListReader.ReadAllAsync(result.GetValue(queries)!, cancellationToken);
            var (kept, curation) = QueryCurator.Curate(all, settings);
            var path = result.GetValue(output)!;
            await FinalFile.WriteJsonlAsync(path, kept.Select(q => QueryRecord.Of(q)), cancellationToken);
            var reportPath = result.GetValue(report) ?? Path.ChangeExtension(path, null) + ".report.json";
            await FinalFile.WriteJsonAsync(reportPath, curation, cancellationToken);

            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"curate: {curation.Input:N0} queries read"));
            foreach (var rule in curation.Rules)
            {
                await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {rule.Name,-20} removed {rule.Removed,6:N0}  ({rule.Description})"));
            }

            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {"self-bleu",-20} removed {curation.Diversity.Removed,6:N0}  (BLEU >= {curation.Diversity.Threshold} against a kept query; {curation.Diversity.ExactDuplicates:N0} exact duplicates; {curation.Diversity.Comparisons:N0} exact comparisons)"));
            await console.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"curate: kept {curation.Kept:N0} -> {path}; rules {curation.Seconds["rules"]:F2} s, diversity {curation.Seconds["diversity"]:F2} s, total {curation.Seconds["total"]:F2} s; report {reportPath}"));
            return DataCommandRunner.Success;
        }, cancellationToken));
        return command;
    }
}
