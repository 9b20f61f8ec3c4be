using System.CommandLine;
using Vpo.Training.Cli;

namespace Vpo.Training.Tests.Support;

/// <summary>Runs the <c>vpo-train</c> command line in-process, capturing what it writes.</summary>
internal static class VpoTrainInvocation
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await VpoTrainCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
