using System.Globalization;
using Vpo.Api.Contracts;
using Vpo.Inference;
using Vpo.Inference.Generation;

namespace Vpo.Api.Validation;

/// <summary>
/// Checks an optimize request against the configured limits. Every error is keyed by the JSON path of the field at
/// fault (<c>query</c>, <c>queries[3]</c>, <c>options.top_p</c>, <c>iterations</c>) and says what is expected.
/// </summary>
public static class OptimizeRequestValidator
{
    /// <summary>The accepted temperature range.</summary>
    public const double MaxTemperature = 2.0;

    /// <summary>
    /// Validates <paramref name="request"/> and the raw <c>iterations</c> query value. On success returns no errors and
    /// sets <paramref name="plan"/> to the queries, options (defaults filled in) and iteration count to run.
    /// </summary>
    public static Dictionary<string, string[]> Validate(
        OptimizeRequest request, string? iterations, InferenceOptions limits, out OptimizePlan? plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        plan = null;

        var iterationCount = 1;
        if (iterations is not null &&
            (!int.TryParse(iterations, NumberStyles.None, CultureInfo.InvariantCulture, out iterationCount) ||
             iterationCount < 1 || iterationCount > limits.MaxIterations))
        {
            errors["iterations"] = [$"'iterations' must be a whole number from 1 to {limits.MaxIterations}; got '{iterations}'."];
        }

        var queries = new List<string>();
        if (request.Query is not null && request.Queries is not null)
        {
            errors["query"] = ["Give either 'query' or 'queries', not both."];
        }
        else if (request.Query is not null)
        {
            CheckQuery("query", request.Query, limits, errors);
            queries.Add(request.Query);
        }
        else if (request.Queries is not null)
        {
            if (request.Queries.Count == 0 || request.Queries.Count > limits.MaxQueriesPerRequest)
            {
                errors["queries"] = [$"'queries' must hold 1 to {limits.MaxQueriesPerRequest} queries; got {request.Queries.Count}."];
            }
            else
            {
                for (var index = 0; index < request.Queries.Count; index++)
                {
                    var query = request.Queries[index];
                    if (query is null)
                    {
                        errors[$"queries[{index}]"] = ["A query must be a non-empty string; got null."];
                        continue;
                    }

                    CheckQuery($"queries[{index}]", query, limits, errors);
                    queries.Add(query);
                }
            }
        }
        else
        {
            errors["query"] = ["A 'query' (or a 'queries' list) is required."];
        }

        var options = request.Options ?? new OptimizeOptions();
        if (options.Temperature is { } temperature && (temperature < 0 || temperature > MaxTemperature))
        {
            errors["options.temperature"] = [$"'temperature' must be from 0 to {MaxTemperature.ToString(CultureInfo.InvariantCulture)}; got {temperature.ToString(CultureInfo.InvariantCulture)}."];
        }

        if (options.TopP is { } topP && (topP <= 0 || topP > 1))
        {
            errors["options.top_p"] = [$"'top_p' must be greater than 0 and at most 1; got {topP.ToString(CultureInfo.InvariantCulture)}."];
        }

        if (options.MaxNewTokens is { } maxNewTokens && (maxNewTokens < 1 || maxNewTokens > limits.MaxNewTokensLimit))
        {
            errors["options.max_new_tokens"] = [$"'max_new_tokens' must be from 1 to {limits.MaxNewTokensLimit}; got {maxNewTokens}."];
        }

        var effectiveMaxNewTokens = options.MaxNewTokens ?? limits.DefaultMaxNewTokens;
        if (options.MinNewTokens is { } minNewTokens && (minNewTokens < 0 || minNewTokens > effectiveMaxNewTokens))
        {
            errors["options.min_new_tokens"] = [$"'min_new_tokens' must be from 0 to max_new_tokens ({effectiveMaxNewTokens}); got {minNewTokens}."];
        }

        if (options.Seed is < 0)
        {
            errors["options.seed"] = [$"'seed' must be 0 or more; got {options.Seed}."];
        }

        if (errors.Count == 0)
        {
            var sampling = new SamplingOptions(
                options.Temperature ?? limits.DefaultTemperature,
                options.TopP ?? limits.DefaultTopP,
                effectiveMaxNewTokens,
                options.Seed,
                options.MinNewTokens ?? 0);
            plan = new OptimizePlan(queries, request.Query is not null, sampling, iterationCount);
        }

        return errors;
    }

    private static void CheckQuery(string field, string query, InferenceOptions limits, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            errors[field] = ["A query must not be empty or whitespace."];
        }
        else if (query.Length > limits.MaxQueryLength)
        {
            errors[field] = [$"A query may have at most {limits.MaxQueryLength} characters; this one has {query.Length}."];
        }
    }
}
