using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Vpo.Inference.Video.Backends;

/// <summary>Sends a backend request through its resilient client and turns every way it can end badly into a <see cref="VideoBackendException"/>.</summary>
internal static class BackendCalls
{
    /// <summary>Sends <paramref name="request"/>; transport failures, timeouts and an open circuit become <see cref="VideoBackendException"/>.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, HttpRequestMessage request, string backend, int attempts, CancellationToken cancellationToken)
    {
        var what = request.RequestUri is { IsAbsoluteUri: false } relative ? $"{request.Method} /{relative}" : $"{request.Method} {request.RequestUri}";
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw new VideoBackendException(
                $"backend '{backend}': {what} not sent: its circuit is open after repeated failures; calls resume after the break.", transient: true, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new VideoBackendException($"backend '{backend}': {what} timed out ({Attempts(attempts)}).", transient: false, exception);
        }
        catch (HttpRequestException exception)
        {
            throw new VideoBackendException($"backend '{backend}': {what} failed ({Attempts(attempts)}): {exception.Message}", transient: false, exception);
        }
    }

    /// <summary>The body of a successful answer as JSON; an error status or a body that is not JSON becomes a <see cref="VideoBackendException"/>.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string backend, string what, int attempts, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw StatusError(response.StatusCode, text, backend, what, attempts);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            // A proxy's error page or a truncated body: worth asking again, since every call is idempotent.
            throw new VideoBackendException(
                $"backend '{backend}': {what} answered {(int)response.StatusCode} with a body that is not JSON: {Shorten(text)}", transient: true, exception);
        }
    }

    /// <summary>The error for an answer with <paramref name="status"/>; the transient statuses were retried before they got here.</summary>
    public static VideoBackendException StatusError(HttpStatusCode status, string body, string backend, string what, int attempts)
    {
        var code = (int)status;
        var retried = code is 408 or 429 or >= 500 ? $" ({Attempts(attempts)})" : string.Empty;
        return new VideoBackendException(
            string.Create(CultureInfo.InvariantCulture, $"backend '{backend}': {what} answered {code} {status}{retried}: {Shorten(body)}"));
    }

    /// <summary>A string property, or null.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The text of an error field that may be a string or an object with <c>message</c>.</summary>
    public static string? Error(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var error))
        {
            return null;
        }

        return error.ValueKind switch
        {
            JsonValueKind.String => error.GetString(),
            JsonValueKind.Object => String(error, "message") ?? error.GetRawText(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => error.GetRawText(),
        };
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
}
