using System.CommandLine;
using Spectre.Console;
using Vpo.Training.Checkpoints;
using Vpo.Training.Data;
using Vpo.Training.Modeling;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Cli;

/// <summary>Turns the errors a user can fix (bad data, bad options, a mismatched resume) into a message and exit code 2.</summary>
internal static class CommandErrors
{
    /// <summary>Exit code for input the user has to fix.</summary>
    public const int BadInputExitCode = 2;

    /// <summary>Runs <paramref name="action"/>, reporting a fixable error on the invocation's error writer (standard error unless redirected).</summary>
    public static async Task<int> HandleAsync(ParseResult parseResult, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TrainingDataException or TokenizerFileException or InvalidCheckpointException or InvalidModelConfigException or ArgumentException or InvalidOperationException or FileNotFoundException or DirectoryNotFoundException)
        {
            var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(parseResult.InvocationConfiguration.Error) });
            error.MarkupLine($"[red]error:[/] {Markup.Escape(exception.Message)}");
            return BadInputExitCode;
        }
    }
}
