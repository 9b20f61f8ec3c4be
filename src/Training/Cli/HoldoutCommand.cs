using System.CommandLine;
using System.Text.Json;
using Vpo.Training.Corpus;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train holdout</c>: writes the validation split (every n-th query) that no training stage may see.</summary>
public static class HoldoutCommand
{
    public static Command Create()
    {
        var queries = new Option<FileInfo>("--queries") { Description = "JSON array of queries to split.", Required = true };
        var every = new Option<int>("--every") { Description = "Take every n-th query (by position, starting at 0).", DefaultValueFactory = _ => 32 };
        var output = new Option<FileInfo>("--output") { Description = "JSON array of validation queries to write.", Required = true };
        var trainingOutput = new Option<FileInfo?>("--training-output") { Description = "Optional JSON array of the remaining queries (for training stages)." };
        var command = new Command("holdout", "Write the validation split of real queries (every n-th query).") { queries, every, output, trainingOutput };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var n = parseResult.GetValue(every);
            if (n < 2)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"holdout: --every must be at least 2 (got {n})");
                return 1;
            }
            try
            {
                var all = await Vpo.Training.Data.QueryListReader.ReadAsync(parseResult.GetValue(queries)!.FullName, cancellationToken);
                var (validation, training) = HoldoutSplit.Split(all, n);
                var path = parseResult.GetValue(output)!.FullName;
                await WriteQueriesAsync(validation, path, cancellationToken);
                if (parseResult.GetValue(trainingOutput) is { } trainingFile)
                {
                    await WriteQueriesAsync(training, trainingFile.FullName, cancellationToken);
                }
                await parseResult.InvocationConfiguration.Output.WriteLineAsync($"holdout: {validation.Count:N0} of {all.Count:N0} queries in {path}");
                return 0;
            }
            catch (Exception failure) when (failure is InvalidDataException or FileNotFoundException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"holdout: {failure.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task WriteQueriesAsync(IReadOnlyList<string> queries, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path + ".partial", JsonSerializer.Serialize(queries, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
        File.Move(path + ".partial", path, overwrite: true);
    }
}
