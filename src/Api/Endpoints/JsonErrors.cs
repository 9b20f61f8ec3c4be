using System.Text.Json;

namespace Vpo.Api.Endpoints;

/// <summary>Turns a body deserialization failure into the field it concerns and a message a client can act on.</summary>
internal static class JsonErrors
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["query"] = "a string",
        ["queries"] = "an array of strings",
        ["options"] = "an object",
        ["options.temperature"] = "a number",
        ["options.top_p"] = "a number",
        ["options.max_new_tokens"] = "a whole number",
        ["options.min_new_tokens"] = "a whole number",
        ["options.seed"] = "a whole number from 0 to 2147483647",
    };

    /// <summary>The field (JSON path without <c>$.</c>, or <c>body</c>) and the message for <paramref name="exception"/>.</summary>
    public static (string Field, string Message) Describe(JsonException exception)
    {
        var path = exception.Path ?? "$";
        var field = path is "$" or "" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? $" (line {line + 1}, byte {position + 1})"
            : string.Empty;

        if (exception.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return (field, $"'{field}' is not a known field{where}.");
        }

        if (exception.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            var key = field.StartsWith("queries[", StringComparison.Ordinal) ? "query" : field;
            var expected = Expected.TryGetValue(key, out var type) ? $"; expected {type}" : string.Empty;
            return (field, $"'{field}' has the wrong type{expected}{where}.");
        }

        return (field, field == "body"
            ? $"The body is not a valid JSON object{where}."
            : $"Malformed JSON at '{field}'{where}.");
    }
}
