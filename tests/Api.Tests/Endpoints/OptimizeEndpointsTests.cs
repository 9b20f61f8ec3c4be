using System.Net;
using System.Text.Json;

namespace Vpo.Api.Tests.Endpoints;

public sealed class OptimizeEndpointsTests(SharedService shared) : IClassFixture<SharedService>
{
    private TestService Service => shared.Service;

    private static readonly object Greedy = new { temperature = 0.0, max_new_tokens = 8 };

    [Fact]
    public async Task A_query_gets_its_prompt_iteration_flags_usage_timings_and_model()
    {
        var body = await Service.OptimizeOkAsync(new { query = "a corgi surfing at sunset -ar 16:9 -neg blurry, text -fps 24", options = Greedy });

        var prompt = body.GetProperty("prompt").GetString();
        Assert.NotNull(prompt);
        var iteration = Assert.Single(body.GetProperty("iterations").EnumerateArray());
        Assert.Equal(prompt, iteration.GetProperty("prompt").GetString());
        Assert.Contains(iteration.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.Equal(1, iteration.GetProperty("batch_size").GetInt32());
        Assert.False(body.GetProperty("converged").GetBoolean());
        Assert.False(body.TryGetProperty("results", out _));

        var generation = body.GetProperty("generation");
        Assert.Equal("16:9", generation.GetProperty("aspect_ratio").GetString());
        Assert.Equal("blurry, text", generation.GetProperty("negative_prompt").GetString());
        Assert.Equal(24, generation.GetProperty("fps").GetInt32());

        Assert.Equal("tiny-llama", body.GetProperty("model").GetString());
        var usage = body.GetProperty("usage");
        // The VPO instruction alone is about 860 characters.
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > 100, "the prompt holds the whole VPO instruction");
        Assert.InRange(usage.GetProperty("completion_tokens").GetInt32(), 0, 8);
        var timings = body.GetProperty("timings");
        Assert.True(timings.GetProperty("generation_ms").GetDouble() > 0);
        Assert.True(timings.GetProperty("queue_ms").GetDouble() >= 0);
    }

    [Fact]
    public async Task Several_queries_come_back_as_results_in_request_order_with_summed_usage()
    {
        string[] queries = ["a cat playing piano", "time-lapse of a city at night -fps 24", "a red kite over a beach -ar 9:16"];

        var body = await Service.OptimizeOkAsync(new { queries, options = Greedy });

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(queries, results.Select(result => result.GetProperty("query").GetString()));
        Assert.Equal("9:16", results[2].GetProperty("generation").GetProperty("aspect_ratio").GetString());
        Assert.Equal(24, results[1].GetProperty("generation").GetProperty("fps").GetInt32());
        Assert.False(body.TryGetProperty("prompt", out _));
        Assert.Equal(
            results.Sum(result => result.GetProperty("usage").GetProperty("prompt_tokens").GetInt32()),
            body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(
            results.Sum(result => result.GetProperty("usage").GetProperty("completion_tokens").GetInt32()),
            body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Iterations_feed_each_answer_back_and_stop_once_an_answer_repeats_its_input()
    {
        const string Query = "a lighthouse in a storm";

        var body = await Service.OptimizeOkAsync(new { query = Query, options = Greedy }, "?iterations=5");

        var prompts = body.GetProperty("iterations").EnumerateArray().Select(iteration => iteration.GetProperty("prompt").GetString()!).ToList();
        var inputs = new[] { Query }.Concat(prompts).ToList();
        // Greedy refinement with the tiny random model reaches a fixed point within a few steps (its answers barely
        // depend on the query); the service must notice it and stop. A new fixture without one fails here, not silently.
        Assert.True(body.GetProperty("converged").GetBoolean(), $"no fixed point within 5 greedy iterations: {string.Join(" | ", prompts)}");
        Assert.InRange(prompts.Count, 1, 4);
        Assert.Equal(inputs[^2], prompts[^1]);
        for (var step = 0; step < prompts.Count - 1; step++)
        {
            Assert.NotEqual(inputs[step], prompts[step]);
        }

        Assert.Equal(prompts[^1], body.GetProperty("prompt").GetString());
        Assert.Equal(
            body.GetProperty("iterations").EnumerateArray().Sum(iteration => iteration.GetProperty("usage").GetProperty("completion_tokens").GetInt32()),
            body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Without_iterations_one_answer_is_given()
    {
        var body = await Service.OptimizeOkAsync(new { query = "a lighthouse in a storm", options = Greedy });

        Assert.Single(body.GetProperty("iterations").EnumerateArray());
    }

    [Fact]
    public async Task A_seeded_sampling_request_reproduces_its_answer()
    {
        var request = new { query = "a koi pond in the rain", options = new { temperature = 0.9, top_p = 0.95, max_new_tokens = 16, seed = 7 } };

        var first = await Service.OptimizeOkAsync(request);
        var second = await Service.OptimizeOkAsync(request);

        Assert.Equal(first.GetProperty("prompt").GetString(), second.GetProperty("prompt").GetString());
        Assert.Equal(
            first.GetProperty("usage").GetProperty("completion_tokens").GetInt32(),
            second.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    public static TheoryData<string, string, string> BadBodies()
    {
        var data = new TheoryData<string, string, string>
        {
            { "{}", "", "query" },
            { "{\"query\": \"\"}", "", "query" },
            { "{\"query\": \"   \\n\\t \"}", "", "query" },
            { JsonSerializer.Serialize(new { query = new string('a', 2001) }), "", "query" },
            { "{\"query\": null}", "", "query" },
            { "{\"query\": 5}", "", "query" },
            { "{\"query\": \"a\", \"queries\": [\"b\"]}", "", "query" },
            { "{\"queries\": []}", "", "queries" },
            { JsonSerializer.Serialize(new { queries = Enumerable.Repeat("a cat", 33) }), "", "queries" },
            { "{\"queries\": [\"a cat\", \"  \"]}", "", "queries[1]" },
            { "{\"queries\": [\"a cat\", null]}", "", "queries[1]" },
            { "{\"queries\": \"a cat\"}", "", "queries" },
            { "{\"query\": \"a\"}", "?iterations=0", "iterations" },
            { "{\"query\": \"a\"}", "?iterations=6", "iterations" },
            { "{\"query\": \"a\"}", "?iterations=abc", "iterations" },
            { "{\"query\": \"a\"}", "?iterations=1.5", "iterations" },
            { "{\"query\": \"a\"}", "?iterations=-1", "iterations" },
            { "{\"query\": \"a\"}", "?iterations=", "iterations" },
            { "{\"query\": \"a\", \"options\": {\"temperature\": -0.1}}", "", "options.temperature" },
            { "{\"query\": \"a\", \"options\": {\"temperature\": 2.5}}", "", "options.temperature" },
            { "{\"query\": \"a\", \"options\": {\"temperature\": \"hot\"}}", "", "options.temperature" },
            { "{\"query\": \"a\", \"options\": {\"top_p\": 0}}", "", "options.top_p" },
            { "{\"query\": \"a\", \"options\": {\"top_p\": 1.01}}", "", "options.top_p" },
            { "{\"query\": \"a\", \"options\": {\"max_new_tokens\": 0}}", "", "options.max_new_tokens" },
            { "{\"query\": \"a\", \"options\": {\"max_new_tokens\": 5000}}", "", "options.max_new_tokens" },
            { "{\"query\": \"a\", \"options\": {\"max_new_tokens\": 1.5}}", "", "options.max_new_tokens" },
            { "{\"query\": \"a\", \"options\": {\"seed\": -1}}", "", "options.seed" },
            { "{\"query\": \"a\", \"options\": {\"min_new_tokens\": -1}}", "", "options.min_new_tokens" },
            { "{\"query\": \"a\", \"options\": {\"max_new_tokens\": 8, \"min_new_tokens\": 9}}", "", "options.min_new_tokens" },
            { "{\"query\": \"a\", \"options\": {\"seed\": 99999999999}}", "", "options.seed" },
            { "{\"query\": \"a\", \"options\": {\"topP\": 0.5}}", "", "options.topP" },
            { "{\"qurey\": \"a\"}", "", "qurey" },
            { "{\"query\": \"a\",", "", "body" },
            { "not json at all", "", "body" },
            { "null", "", "body" },
            { "[\"a cat\"]", "", "body" },
            { "", "", "body" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_gets_400_problem_details_naming_the_field(string json, string queryString, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await Service.Client.PostAsync("/optimize" + queryString, content, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {text}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_json_gets_415_problem_details(string? contentType)
    {
        using var content = new ByteArrayContent("{\"query\": \"a cat\"}"u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Service.Client.PostAsync("/optimize", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(415, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_problem_details()
    {
        // The shared service accepts 16 KiB; 32 queries of 1,000 characters are twice that.
        var body = new { queries = Enumerable.Repeat(new string('a', 1000), 32) };

        using var response = await Service.OptimizeAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Other_methods_and_paths_get_problem_details_not_500()
    {
        using var get = await Service.Client.GetAsync("/optimize", TestContext.Current.CancellationToken);
        using var missing = await Service.Client.GetAsync("/nowhere", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
