using System.Net;
using System.Text.Json;

namespace Vpo.Api.Tests.Hosting;

public sealed class OpenApiTests(SharedService shared) : IClassFixture<SharedService>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var text = await shared.Service.Client.GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static JsonElement Schema(JsonElement document, string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    [Fact]
    public async Task The_video_operations_document_their_bodies_header_and_answers()
    {
        var document = await DocumentAsync();
        var paths = document.GetProperty("paths");

        var create = paths.GetProperty("/videos").GetProperty("post");
        Assert.Contains("Idempotency-Key", create.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/CreateVideoRequest", create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        var key = create.GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", key.GetProperty("in").GetString());
        foreach (var status in new[] { "202", "400", "415", "422", "503" })
        {
            Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), $"POST /videos documents no {status}");
        }

        Assert.True(paths.GetProperty("/videos/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/videos/{id}").TryGetProperty("delete", out _));
        Assert.True(paths.GetProperty("/videos/{id}/content").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/videos/backends").TryGetProperty("get", out _));
        Assert.Equal("16:9", Schema(document, "VideoOptions").GetProperty("properties").GetProperty("aspect_ratio").GetProperty("example").GetString());
    }

    [Fact]
    public async Task The_optimize_operation_documents_its_body_parameter_and_answers()
    {
        var document = await DocumentAsync();

        var optimize = document.GetProperty("paths").GetProperty("/optimize").GetProperty("post");
        Assert.False(string.IsNullOrWhiteSpace(optimize.GetProperty("summary").GetString()));
        Assert.Contains("queries", optimize.GetProperty("description").GetString(), StringComparison.Ordinal);
        var body = optimize.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.EndsWith("/OptimizeRequest", body.GetProperty("$ref").GetString(), StringComparison.Ordinal);

        var iterations = optimize.GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == "iterations");
        Assert.Equal("query", iterations.GetProperty("in").GetString());
        Assert.Equal("integer", iterations.GetProperty("schema").GetProperty("type").GetString());
        Assert.Equal(1, iterations.GetProperty("schema").GetProperty("minimum").GetInt32());
        Assert.Equal(5, iterations.GetProperty("schema").GetProperty("maximum").GetInt32());

        var responses = optimize.GetProperty("responses");
        foreach (var status in new[] { "200", "400", "413", "415", "503" })
        {
            Assert.True(responses.TryGetProperty(status, out _), $"no {status} response documented");
        }

        Assert.EndsWith("/OptimizeResponse", responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").GetProperty("/v1/models").TryGetProperty("get", out _));
    }

    [Fact]
    public async Task Schemas_use_snake_case_with_descriptions_and_examples()
    {
        var document = await DocumentAsync();

        var request = Schema(document, "OptimizeRequest").GetProperty("properties");
        Assert.Equal(["options", "queries", "query"], request.EnumerateObject().Select(property => property.Name).Order());
        Assert.Contains("2,000", request.GetProperty("query").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("-ar 16:9", request.GetProperty("query").GetProperty("example").GetString(), StringComparison.Ordinal);

        var options = Schema(document, "OptimizeOptions").GetProperty("properties");
        Assert.Equal(["max_new_tokens", "min_new_tokens", "seed", "temperature", "top_p"], options.EnumerateObject().Select(property => property.Name).Order());
        Assert.Equal(0.7, options.GetProperty("temperature").GetProperty("example").GetDouble());

        var response = Schema(document, "OptimizeResponse").GetProperty("properties");
        foreach (var field in new[] { "prompt", "iterations", "generation", "converged", "results", "model", "usage", "timings" })
        {
            Assert.True(response.TryGetProperty(field, out var property), $"OptimizeResponse lacks '{field}'");
            Assert.True(property.TryGetProperty("description", out _) || property.TryGetProperty("$ref", out _) || property.TryGetProperty("allOf", out _), $"'{field}' is not described");
        }

        Assert.True(Schema(document, "TokenUsage").GetProperty("properties").TryGetProperty("completion_tokens", out _));
        Assert.True(Schema(document, "Timings").GetProperty("properties").TryGetProperty("queue_ms", out _));
        Assert.True(Schema(document, "GenerationParametersContract").GetProperty("properties").TryGetProperty("aspect_ratio", out _));
    }

    [Fact]
    public async Task The_openai_route_and_both_event_streams_are_documented()
    {
        var document = await DocumentAsync();

        var chat = document.GetProperty("paths").GetProperty("/v1/chat/completions").GetProperty("post");
        Assert.Contains("[DONE]", chat.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ChatCompletionRequest", chat.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        foreach (var status in new[] { "400", "404", "503" })
        {
            Assert.EndsWith("/OpenAiErrorResponse", chat.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }

        foreach (var (path, body, events) in new[] { ("/v1/chat/completions", "ChatCompletion", "ChatCompletionChunk"), ("/optimize", "OptimizeResponse", "OptimizeStreamEvent") })
        {
            var ok = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.EndsWith("/" + body, ok.GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("/" + events, ok.GetProperty("text/event-stream").GetProperty("schema").GetProperty("$ref").GetString(), StringComparison.Ordinal);
        }

        var streamEvent = Schema(document, "OptimizeStreamEvent");
        Assert.Contains("optimize.delta", streamEvent.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["delta", "error", "finish_reason", "index", "iteration", "object", "prompt", "result"], streamEvent.GetProperty("properties").EnumerateObject().Select(property => property.Name).Order());
        var request = Schema(document, "ChatCompletionRequest").GetProperty("properties");
        foreach (var field in new[] { "model", "messages", "temperature", "top_p", "n", "max_tokens", "max_completion_tokens", "seed", "stop", "stream", "stream_options" })
        {
            Assert.True(request.TryGetProperty(field, out _), $"ChatCompletionRequest lacks '{field}'");
        }
    }

    [Fact]
    public async Task Swagger_ui_is_served_at_swagger()
    {
        using var response = await shared.Service.Client.GetAsync("/swagger/index.html", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
