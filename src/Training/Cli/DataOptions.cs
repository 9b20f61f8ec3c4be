using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Vpo.Inference.Http;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Cli;

/// <summary>Options shared by the <c>vpo-train data</c> commands: the LLM endpoint, HTTP resilience and how a stage runs.</summary>
internal sealed class DataOptions
{
    public Option<string?> LlmUrl { get; } = new("--llm-url") { Description = $"OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1 (default: ${LlmOptions.BaseUrlVariable})." };

    public Option<string?> LlmModel { get; } = new("--llm-model") { Description = $"Model name, e.g. gpt-4o (default: ${LlmOptions.ModelVariable})." };

    public Option<string?> LlmKey { get; } = new("--llm-key") { Description = $"API key (default: ${LlmOptions.ApiKeyVariable}; local servers need none)." };

    public Option<int> MaxRetries { get; } = new("--max-retries") { Description = "Retries per request on 429 (Retry-After honoured), 408, 5xx and timeouts.", DefaultValueFactory = _ => 5 };

    public Option<double> RetryDelay { get; } = new("--retry-delay") { Description = "First back-off delay in seconds (doubles per retry, jittered).", DefaultValueFactory = _ => 1.0 };

    public Option<double> RequestTimeout { get; } = new("--request-timeout") { Description = "Seconds one attempt may take before it is retried.", DefaultValueFactory = _ => 120.0 };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };

    public Option<int> RequestsPerMinute { get; } = new("--requests-per-minute") { Description = "Attempts started per minute (0: no limit).", DefaultValueFactory = _ => 0 };

    public Option<string> Shard { get; } = new("--shard") { Description = "Run shard i of N (e.g. 3/8); queries are assigned by a stable hash.", DefaultValueFactory = _ => "1/1" };

    public Option<int> Workers { get; } = new("--workers") { Description = "Items processed at once.", DefaultValueFactory = _ => 8 };

    public Option<int> Attempts { get; } = new("--attempts") { Description = "Attempts per item when its answer is malformed.", DefaultValueFactory = _ => 3 };

    public Option<int> MaxConsecutiveFailures { get; } = new("--max-consecutive-failures") { Description = "Stop after this many items fail in a row (0: never).", DefaultValueFactory = _ => 50 };

    public Option<double> ProgressSeconds { get; } = new("--progress-seconds") { Description = "Seconds between progress lines.", DefaultValueFactory = _ => 10.0 };

    public Option<string?> Failures { get; } = new("--failures") { Description = "Failures JSONL (default: <output>.failures.jsonl)." };

    /// <summary>Adds the LLM and HTTP options to <paramref name="command"/>.</summary>
    public void AddLlm(Command command)
    {
        command.Options.Add(LlmUrl);
        command.Options.Add(LlmModel);
        command.Options.Add(LlmKey);
        AddHttp(command);
    }

    /// <summary>Adds the HTTP resilience options.</summary>
    public void AddHttp(Command command)
    {
        command.Options.Add(MaxRetries);
        command.Options.Add(RetryDelay);
        command.Options.Add(RequestTimeout);
        command.Options.Add(MaxInFlight);
        command.Options.Add(RequestsPerMinute);
    }

    /// <summary>Adds the stage options.</summary>
    public void AddStage(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(Workers);
        command.Options.Add(Attempts);
        command.Options.Add(MaxConsecutiveFailures);
        command.Options.Add(ProgressSeconds);
        command.Options.Add(Failures);
    }

    public ResilientHttpOptions Http(ParseResult result, TimeSpan? defaultTimeout = null)
    {
        var timeout = result.GetResult(RequestTimeout) is { Implicit: false } || defaultTimeout is null
            ? TimeSpan.FromSeconds(result.GetValue(RequestTimeout))
            : defaultTimeout.Value;
        var options = new ResilientHttpOptions
        {
            MaxRetries = result.GetValue(MaxRetries),
            BaseDelay = TimeSpan.FromSeconds(result.GetValue(RetryDelay)),
            AttemptTimeout = timeout,
            MaxConcurrency = result.GetValue(MaxInFlight),
            RequestsPerMinute = result.GetValue(RequestsPerMinute),
        };
        options.Validate();
        return options;
    }

    public LlmOptions Llm(ParseResult result) =>
        LlmOptions.FromValuesOrEnvironment(result.GetValue(LlmUrl), result.GetValue(LlmModel), result.GetValue(LlmKey), Http(result));

    public StageRunOptions Stage(ParseResult result)
    {
        ShardSpec shard;
        try
        {
            shard = ShardSpec.Parse(result.GetValue(Shard)!);
        }
        catch (FormatException ex)
        {
            throw new ValidationException(ex.Message);
        }

        var options = new StageRunOptions
        {
            Shard = shard,
            Concurrency = result.GetValue(Workers),
            MaxAttempts = result.GetValue(Attempts),
            MaxConsecutiveFailures = result.GetValue(MaxConsecutiveFailures),
            ProgressInterval = TimeSpan.FromSeconds(result.GetValue(ProgressSeconds)),
        };
        options.Validate();
        return options;
    }

    public StageFiles Files(ParseResult result, string output) =>
        result.GetValue(Failures) is { Length: > 0 } failures ? new StageFiles(output, failures) : StageFiles.For(output);
}
