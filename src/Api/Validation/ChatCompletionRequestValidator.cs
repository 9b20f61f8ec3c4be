using System.Globalization;
using System.Text;
using System.Text.Json;
using Vpo.Api.Contracts.OpenAi;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Prompting;

namespace Vpo.Api.Validation;

/// <summary>
/// Checks a chat completion request the way the OpenAI API does: the first problem found is reported with the field
/// at fault (<c>param</c>, a JSON path such as <c>messages[2].role</c>) and a code. A field the service cannot honour is
/// refused rather than ignored, unless it asks for nothing (<c>"tools": []</c>, <c>"logprobs": false</c>).
/// </summary>
public static class ChatCompletionRequestValidator
{
    /// <summary>The most choices one request may ask for.</summary>
    public const int MaxChoices = 8;

    /// <summary>The most stop strings one request may give.</summary>
    public const int MaxStopStrings = 4;

    /// <summary>The accepted temperature range.</summary>
    public const double MaxTemperature = 2.0;

    // Fields OpenAI clients send that change nothing about the answer.
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "user", "store", "metadata", "service_tier", "parallel_tool_calls", "safety_identifier", "prompt_cache_key",
    };

    /// <summary>
    /// Validates <paramref name="request"/> for the served model <paramref name="modelName"/>. On success returns
    /// <c>null</c> and sets <paramref name="plan"/>.
    /// </summary>
    public static OpenAiProblem? Validate(ChatCompletionRequest request, string modelName, InferenceOptions limits, out ChatCompletionPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        plan = null;

        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return OpenAiProblem.Invalid("model", "'model' is required; this service serves '" + modelName + "'.", "missing_required_parameter");
        }

        if (!string.Equals(request.Model, modelName, StringComparison.Ordinal))
        {
            return new OpenAiProblem(StatusCodes.Status404NotFound, new OpenAiError
            {
                Message = $"The model '{request.Model}' does not exist; this service serves '{modelName}' (see GET /v1/models).",
                Type = "invalid_request_error",
                Param = "model",
                Code = "model_not_found",
            });
        }

        if ((CheckMessages(request.Messages, out var messages) ?? CheckOtherFields(request.OtherFields, string.Empty)) is { } problem)
        {
            return problem;
        }

        if (CheckStop(request.Stop, out var stop) is { } stopProblem)
        {
            return stopProblem;
        }

        if (request.Temperature is { } temperature && (temperature < 0 || temperature > MaxTemperature || !double.IsFinite(temperature)))
        {
            return OpenAiProblem.Invalid("temperature", $"'temperature' must be from 0 to {Number(MaxTemperature)}; got {Number(temperature)}.");
        }

        if (request.TopP is { } topP && (topP < 0 || topP > 1 || !double.IsFinite(topP)))
        {
            return OpenAiProblem.Invalid("top_p", $"'top_p' must be from 0 to 1; got {Number(topP)}.");
        }

        if (request.N is { } n && (n < 1 || n > MaxChoices))
        {
            return OpenAiProblem.Invalid("n", $"'n' must be from 1 to {MaxChoices}; got {n}.");
        }

        foreach (var (name, value) in new[] { ("max_tokens", request.MaxTokens), ("max_completion_tokens", request.MaxCompletionTokens) })
        {
            if (value is { } tokens && (tokens < 1 || tokens > limits.MaxNewTokensLimit))
            {
                return OpenAiProblem.Invalid(name, $"'{name}' must be from 1 to {limits.MaxNewTokensLimit}; got {tokens}.");
            }
        }

        if (request.Seed is { } seed && (seed < 0 || seed > int.MaxValue))
        {
            return OpenAiProblem.Invalid("seed", $"'seed' must be from 0 to {int.MaxValue}; got {seed}.");
        }

        var stream = request.Stream ?? false;
        if (request.StreamOptions is { } streamOptions)
        {
            if (!stream)
            {
                return OpenAiProblem.Invalid("stream_options", "'stream_options' is only allowed with \"stream\": true.");
            }

            if (CheckOtherFields(streamOptions.OtherFields, "stream_options.") is { } streamProblem)
            {
                return streamProblem;
            }
        }

        // top_p 0 keeps only the most likely token: greedy decoding, which is how the runtime can honour it.
        var greedy = request.TopP == 0;
        var options = new SamplingOptions(
            greedy ? 0 : request.Temperature ?? limits.DefaultTemperature,
            greedy ? 1 : request.TopP ?? limits.DefaultTopP,
            request.MaxCompletionTokens ?? request.MaxTokens ?? limits.DefaultMaxNewTokens,
            (int?)request.Seed);
        plan = new ChatCompletionPlan(messages, options, stop, request.N ?? 1, stream, request.StreamOptions?.IncludeUsage ?? false);
        return null;
    }

    private static OpenAiProblem? CheckMessages(IReadOnlyList<ChatCompletionMessageInput?>? input, out List<ChatMessage> messages)
    {
        messages = [];
        if (input is null)
        {
            return OpenAiProblem.Invalid("messages", "'messages' is required: an array of {\"role\", \"content\"} objects.", "missing_required_parameter");
        }

        if (input.Count == 0)
        {
            return OpenAiProblem.Invalid("messages", "'messages' must hold at least one message; got an empty array.", "empty_array");
        }

        for (var index = 0; index < input.Count; index++)
        {
            var path = $"messages[{index}]";
            if (input[index] is not { } message)
            {
                return OpenAiProblem.Invalid(path, $"'{path}' must be an object with 'role' and 'content'; got null.");
            }

            if (CheckOtherFields(message.OtherFields, path + ".", messageField: true) is { } fieldProblem)
            {
                return fieldProblem;
            }

            var role = message.Role switch
            {
                ChatRole.System or "developer" => ChatRole.System,
                ChatRole.User => ChatRole.User,
                ChatRole.Assistant => ChatRole.Assistant,
                _ => null,
            };
            if (role is null)
            {
                var why = message.Role is "tool" or "function"
                    ? $"the '{message.Role}' role is not supported (this service runs no tools)"
                    : $"got '{message.Role ?? "null"}'";
                return OpenAiProblem.Invalid(path + ".role", $"'{path}.role' must be 'system', 'developer', 'user' or 'assistant'; {why}.");
            }

            if (Text(message.Content, path + ".content", out var content) is { } contentProblem)
            {
                return contentProblem;
            }

            messages.Add(new ChatMessage(role, content));
        }

        return null;
    }

    // A message's content: a string, or an array of text parts joined in order.
    private static OpenAiProblem? Text(JsonElement? content, string path, out string text)
    {
        text = string.Empty;
        if (content is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return OpenAiProblem.Invalid(path, $"'{path}' is required: a string or an array of text parts.", "missing_required_parameter");
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            text = element.GetString()!;
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            return OpenAiProblem.Invalid(path, $"'{path}' must be a string or an array of text parts; got {Kind(element)}.", "invalid_type");
        }

        var joined = new StringBuilder();
        var index = 0;
        foreach (var part in element.EnumerateArray())
        {
            var partPath = $"{path}[{index++}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return OpenAiProblem.Invalid(partPath, $"'{partPath}' must be an object {{\"type\": \"text\", \"text\": \"...\"}}.", "invalid_type");
            }

            if (type.GetString() != "text")
            {
                return OpenAiProblem.Invalid(partPath + ".type", $"'{partPath}.type' must be 'text'; '{type.GetString()}' parts are not supported by this text-only model.");
            }

            if (!part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
            {
                return OpenAiProblem.Invalid(partPath + ".text", $"'{partPath}.text' must be a string.", "invalid_type");
            }

            joined.Append(partText.GetString());
        }

        text = joined.ToString();
        return null;
    }

    private static OpenAiProblem? CheckStop(JsonElement? stop, out List<string> stops)
    {
        stops = [];
        if (stop is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            stops.Add(element.GetString()!);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            if (element.GetArrayLength() > MaxStopStrings)
            {
                return OpenAiProblem.Invalid("stop", $"'stop' may hold at most {MaxStopStrings} strings; got {element.GetArrayLength()}.", "array_above_max_length");
            }

            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return OpenAiProblem.Invalid($"stop[{index}]", $"'stop[{index}]' must be a string; got {Kind(item)}.", "invalid_type");
                }

                stops.Add(item.GetString()!);
                index++;
            }
        }
        else
        {
            return OpenAiProblem.Invalid("stop", $"'stop' must be a string or an array of up to {MaxStopStrings} strings; got {Kind(element)}.", "invalid_type");
        }

        var empty = stops.FindIndex(text => text.Length == 0);
        return empty < 0 ? null : OpenAiProblem.Invalid(element.ValueKind == JsonValueKind.Array ? $"stop[{empty}]" : "stop", "A stop string must not be empty.");
    }

    // Fields outside the contract: ignored when harmless, accepted at a value that asks for nothing, refused otherwise.
    private static OpenAiProblem? CheckOtherFields(Dictionary<string, JsonElement>? fields, string prefix, bool messageField = false)
    {
        foreach (var (name, value) in fields ?? [])
        {
            var path = prefix + name;
            if (messageField)
            {
                if (name == "refusal" && value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                return OpenAiProblem.Invalid(path, $"'{path}' is not supported: messages carry only 'role', 'content' and 'name' here.", "unsupported_parameter");
            }

            if (prefix.Length == 0 && Ignored.Contains(name))
            {
                continue;
            }

            var asksNothing = prefix.Length == 0 && (value.ValueKind == JsonValueKind.Null || name switch
            {
                "frequency_penalty" or "presence_penalty" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == 0,
                "logprobs" => value.ValueKind == JsonValueKind.False,
                "top_logprobs" => value.ValueKind == JsonValueKind.Number && value.GetDouble() == 0,
                "logit_bias" => value.ValueKind == JsonValueKind.Object && !value.EnumerateObject().Any(),
                "tools" or "functions" => value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0,
                "tool_choice" or "function_call" => value.ValueKind == JsonValueKind.String && value.GetString() == "none",
                "response_format" => value.ValueKind == JsonValueKind.Object && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text",
                "modalities" => value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String && item.GetString() == "text"),
                _ => false,
            });
            if (asksNothing)
            {
                continue;
            }

            var known = prefix.Length == 0 && name is "frequency_penalty" or "presence_penalty" or "logprobs" or "top_logprobs" or "logit_bias" or
                "tools" or "functions" or "tool_choice" or "function_call" or "response_format" or "modalities";
            return known
                ? OpenAiProblem.Invalid(path, $"'{path}' is not supported by this service; leave it out (or at its default).", "unsupported_parameter")
                : OpenAiProblem.Invalid(path, $"Unrecognized request argument supplied: {path}", "unknown_parameter");
        }

        return null;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
