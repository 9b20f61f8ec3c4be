using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Vpo.Inference.Generation;
using Vpo.Training.Evaluation.Chat;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Optimizers;
using Vpo.Training.Evaluation.Running;

namespace Vpo.Training.Cli;

/// <summary>
/// <c>vpo-train eval</c>: the text-level alignment report (automatic principle checks, optionally the LLM judge)
/// for one or more optimizers on a query file. Results are appended per item, so rerunning the same command
/// after an interruption resumes it.
/// </summary>
public static class EvalCommand
{
    /// <summary>Exit code for options or input the user has to fix.</summary>
    public const int BadInputExitCode = 2;

    /// <summary>The command.</summary>
    public static Command Create()
    {
        var queries = new Option<FileInfo>("--queries") { Description = "Query file: a JSON array of strings, or JSON Lines (strings or {\"query\": ...}).", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for results.jsonl (resumable) and report.md / report.json / report.png.", Required = true };
        var optimizers = new Option<string[]>("--optimizer")
        {
            Description = $"An optimizer to evaluate, repeatable: {OptimizerSpec.Forms}.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var limit = new Option<int?>("--limit") { Description = "Evaluate only this many queries." };
        var seed = new Option<int?>("--seed") { Description = "Sample --limit queries at random with this seed (default: the first ones); also seeds the few-shot examples." };
        var judgeModel = new Option<string?>("--judge-model") { Description = "Judge every prompt with this model and the published critique." };
        var baseUrl = new Option<string?>("--base-url") { Description = $"OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1 (default: ${ChatEndpointOptions.BaseUrlVariable})." };
        var apiKey = new Option<string?>("--api-key") { Description = $"API key of that endpoint (default: ${ChatEndpointOptions.ApiKeyVariable})." };
        var demonstrations = new Option<FileInfo?>("--demonstrations") { Description = "JSON array of example prompts for the few-shot template (default: the shipped ones)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Queries in flight at once per optimizer.", DefaultValueFactory = _ => 4 };
        var timeout = new Option<int>("--timeout-seconds") { Description = "Time limit of one call to the service or the LLM endpoint.", DefaultValueFactory = _ => 120 };
        var minWords = new Option<int>("--min-words") { Description = "Shorter prompts fail the length check.", DefaultValueFactory = _ => PrincipleCheckOptions.Default.MinWords };
        var maxWords = new Option<int>("--max-words") { Description = "Longer prompts fail the length check.", DefaultValueFactory = _ => PrincipleCheckOptions.Default.MaxWords };
        var maxNewTokens = new Option<int>("--max-new-tokens") { Description = "Most tokens a model= optimizer generates per prompt.", DefaultValueFactory = _ => 1024 };
        var temperature = new Option<double>("--temperature") { Description = "Sampling temperature of model= optimizers (0 = greedy).", DefaultValueFactory = _ => SamplingOptions.PublishedTemperature };
        var topP = new Option<double>("--top-p") { Description = "Nucleus (top-p) mass of model= optimizers.", DefaultValueFactory = _ => SamplingOptions.PublishedTopP };
        var examples = new Option<int>("--examples") { Description = "Worst examples quoted per failure kind.", DefaultValueFactory = _ => 3 };

        var command = new Command("eval", "Text-level alignment report (Table 2 categories, principle checks, optional LLM judge) for prompt optimizers.")
        {
            queries, output, optimizers, limit, seed, judgeModel, baseUrl, apiKey, demonstrations, concurrency, timeout, minWords, maxWords, maxNewTokens, temperature, topP, examples,
        };

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            // Logs go to standard error; standard output carries only the report's path.
            using var loggerFactory = LoggerFactory.Create(builder => builder
                .AddSimpleConsole(console => console.SingleLine = true)
                .AddFilter("System.Net.Http", LogLevel.Warning)
                // A model= folder runs in a generic host; its start-up failures reach the user as the command's error.
                .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
                .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
                .Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
            try
            {
                var timeLimit = TimeSpan.FromSeconds(parseResult.GetValue(timeout));
                var endpoint = ChatEndpointOptions.FromValuesOrEnvironment(parseResult.GetValue(baseUrl), parseResult.GetValue(apiKey));
                var settings = new EvaluationSettings
                {
                    QueryFile = parseResult.GetValue(queries)!.FullName,
                    OutputFolder = parseResult.GetValue(output)!.FullName,
                    Optimizers = parseResult.GetValue(optimizers)!.Select(OptimizerSpec.Parse).ToList(),
                    Limit = parseResult.GetValue(limit),
                    Seed = parseResult.GetValue(seed),
                    JudgeModel = parseResult.GetValue(judgeModel),
                    ChatEndpoint = endpoint is null ? null : endpoint with { Timeout = timeLimit },
                    DemonstrationsFile = parseResult.GetValue(demonstrations)?.FullName,
                    Concurrency = parseResult.GetValue(concurrency),
                    ServiceTimeout = timeLimit,
                    ExamplesPerKind = parseResult.GetValue(examples),
                    MaxNewTokens = parseResult.GetValue(maxNewTokens),
                    Temperature = parseResult.GetValue(temperature),
                    TopP = parseResult.GetValue(topP),
                    Thresholds = WordLimits(parseResult.GetValue(minWords), parseResult.GetValue(maxWords)),
                };
                var report = await new EvaluationSession(settings, stderr, loggerFactory).RunAsync(cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(Path.Combine(settings.OutputFolder, Evaluation.Reporting.ReportWriter.MarkdownFile)).ConfigureAwait(false);
                return report.Optimizers.Count > 0 ? 0 : 1;
            }
            catch (Exception ex) when (ex is ArgumentException or ValidationException or InvalidDataException or FileNotFoundException
                or ModelLoadException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                await stderr.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return BadInputExitCode;
            }
        });
        return command;
    }

    // The ideal length follows the limits when they no longer contain the default 100 words.
    private static PrincipleCheckOptions WordLimits(int minWords, int maxWords) => PrincipleCheckOptions.Default with
    {
        MinWords = minWords,
        MaxWords = maxWords,
        IdealWords = minWords <= maxWords ? Math.Clamp(PrincipleCheckOptions.Default.IdealWords, minWords, maxWords) : PrincipleCheckOptions.Default.IdealWords,
    };
}
