using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Vpo.Bench.Load;

/// <summary>
/// Calls <c>POST /optimize</c> with <c>Accept: text/event-stream</c>, so the time to the first token is what a
/// streaming app sees, and reads the usage and queue time from the final <c>optimize.result</c> event.
/// </summary>
public sealed class StreamingOptimizeClient(HttpClient client)
{
    /// <summary>Sends one query and reads its whole stream.</summary>
    /// <exception cref="HttpRequestException">The service answered an error or the stream ended without a result.</exception>
    public async Task<RequestOutcome> OptimizeAsync(string query, int newTokens, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new
        {
            query,
            options = new { temperature = 0.0, max_new_tokens = newTokens, min_new_tokens = newTokens },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("optimize", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"POST /optimize answered {(int)response.StatusCode}: {problem}", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        double? firstToken = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var data = line.AsSpan(5).Trim();
            if (data.SequenceEqual("[DONE]"))
            {
                break;
            }

            // Deltas are most of the stream: recognise them without parsing, so the load generator's own CPU (it
            // shares the machine's cores with the service) stays small.
            if (line.Contains("\"optimize.delta\"", StringComparison.Ordinal))
            {
                firstToken ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                continue;
            }

            using var json = JsonDocument.Parse(data.ToString());
            switch (json.RootElement.GetProperty("object").GetString())
            {
                case "optimize.error":
                    throw new HttpRequestException($"The stream reported an error: {json.RootElement.GetProperty("error")}");
                case "optimize.result":
                    var result = json.RootElement.GetProperty("result");
                    var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return new RequestOutcome(
                        latency,
                        firstToken ?? latency,
                        result.GetProperty("timings").GetProperty("queue_ms").GetDouble(),
                        result.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
            }
        }

        throw new HttpRequestException("The stream ended without an optimize.result event.");
    }
}
