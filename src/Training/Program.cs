using System.CommandLine;
using Vpo.Training.Cli;

// On Ctrl-C the training commands finish the current micro-batch and write a checkpoint before exiting; that can
// take longer than System.CommandLine's default two-second grace period, after which it would stop waiting.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromMinutes(10) };
return await VpoTrainCli.Build().Parse(args).InvokeAsync(invocation);
