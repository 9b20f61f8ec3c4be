using System.Net;
using System.Text.Json;

namespace Vpo.Api.Tests.Streaming;

public sealed class OptimizeStreamTests(SharedService shared) : IClassFixture<SharedService>
{
    private TestService Service => shared.Service;

    private static string Body(object request) => JsonSerializer.Serialize(request);

    [Fact]
    public async Task A_streamed_optimization_sends_each_prompt_in_pieces_then_the_whole_response_then_done()
    {
        var request = new { queries = new[] { "a cat playing piano", "a castle in the fog -ar 16:9" }, options = new { temperature = 0.0, max_new_tokens = 24 } };
        var whole = await Service.OptimizeOkAsync(request, "?iterations=2");

        using var response = await Service.PostForEventsAsync("/optimize?iterations=2", Body(request), TestContext.Current.CancellationToken);
        var events = await TestService.ReadEventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var payloads = events.SkipLast(1).Select(data => JsonDocument.Parse(data).RootElement.Clone()).ToList();
        var result = payloads[^1];
        Assert.Equal("optimize.result", result.GetProperty("object").GetString());
        var wholeResults = whole.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(whole.GetProperty("usage").GetRawText(), result.GetProperty("result").GetProperty("usage").GetRawText());

        for (var query = 0; query < wholeResults.Count; query++)
        {
            var iterations = wholeResults[query].GetProperty("iterations").EnumerateArray().ToList();
            for (var iteration = 1; iteration <= iterations.Count; iteration++)
            {
                bool Mine(JsonElement payload) =>
                    payload.TryGetProperty("index", out var index) && index.GetInt32() == query && payload.GetProperty("iteration").GetInt32() == iteration;
                var deltas = payloads.Where(payload => payload.GetProperty("object").GetString() == "optimize.delta" && Mine(payload));
                var end = Assert.Single(payloads, payload => payload.GetProperty("object").GetString() == "optimize.iteration" && Mine(payload));
                var expected = iterations[iteration - 1].GetProperty("prompt").GetString();

                Assert.Equal(expected, string.Concat(deltas.Select(delta => delta.GetProperty("delta").GetString())));
                Assert.Equal(expected, end.GetProperty("prompt").GetString());
                Assert.Equal(iterations[iteration - 1].GetProperty("finish_reason").GetString(), end.GetProperty("finish_reason").GetString());
            }

            Assert.Equal(
                wholeResults[query].GetProperty("prompt").GetString(),
                result.GetProperty("result").GetProperty("results")[query].GetProperty("prompt").GetString());
        }
    }

    [Fact]
    public async Task A_bad_request_asking_for_events_gets_its_400_problem_details_instead_of_a_stream()
    {
        using var response = await Service.PostForEventsAsync("/optimize", Body(new { query = "  " }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
