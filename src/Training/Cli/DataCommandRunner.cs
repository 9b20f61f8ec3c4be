using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary>Runs a <c>vpo-train data</c> command body with the exit codes and messages every data command shares.</summary>
internal static class DataCommandRunner
{
    /// <summary>Every item done.</summary>
    public const int Success = 0;

    /// <summary>Bad options or input files.</summary>
    public const int BadInput = 1;

    /// <summary>The stage ended with items still undone (failed); rerun to retry them.</summary>
    public const int Incomplete = 3;

    /// <summary>The stage stopped because items kept failing.</summary>
    public const int Aborted = 4;

    /// <summary>Interrupted (Ctrl-C); finished items are saved.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs <paramref name="body"/>, turning the expected failures into a message and an exit code.</summary>
    public static async Task<int> RunAsync(ParseResult result, string name, Func<ILoggerFactory, TextWriter, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        using var logging = LoggerFactory.Create(builder => builder
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((category, level) => level >= LogLevel.Warning || (level >= LogLevel.Information && category?.StartsWith("Vpo.", StringComparison.Ordinal) == true)));
        try
        {
            return await body(logging, output).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"data {name}: interrupted; every finished item is saved, rerun the same command to go on.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (StageAbortedException ex)
        {
            await error.WriteLineAsync($"data {name}: {ex.Message}").ConfigureAwait(false);
            return Aborted;
        }
        catch (Exception ex) when (ex is ValidationException or InvalidDataException or Data.TrainingDataException or Vpo.Inference.Generation.ModelLoadException or Microsoft.Extensions.Options.OptionsValidationException or FileNotFoundException or DirectoryNotFoundException or ArgumentException)
        {
            await error.WriteLineAsync($"data {name}: {ex.Message}").ConfigureAwait(false);
            return BadInput;
        }
    }

    /// <summary>Prints a stage's summary; the exit code says whether items remain undone.</summary>
    public static async Task<int> ReportAsync(TextWriter output, StageSummary summary, StageFiles files)
    {
        await output.WriteLineAsync(
            $"{summary.Stage} [{summary.Shard}]: {summary.AlreadyDone + summary.Completed:N0}/{summary.Total:N0} done ({summary.Completed:N0} this run, " +
            $"{summary.AlreadyDone:N0} before), {summary.Failed:N0} failed this run, {summary.Elapsed.TotalSeconds:F1} s -> {files.Output}").ConfigureAwait(false);
        if (summary.Remaining > 0)
        {
            await output.WriteLineAsync($"{summary.Remaining:N0} items undone (reasons in {files.Failures}); rerun the same command to retry them.").ConfigureAwait(false);
            return Incomplete;
        }

        return Success;
    }
}
