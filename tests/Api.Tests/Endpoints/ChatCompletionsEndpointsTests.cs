using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace Vpo.Api.Tests.Endpoints;

// Through the official OpenAI .NET client, as a user of the service would call it.
public sealed class ChatCompletionsEndpointsTests(SharedService shared) : IClassFixture<SharedService>
{
    private static readonly ChatMessage[] Conversation =
    [
        new SystemChatMessage("You write video prompts."),
        new UserChatMessage("a corgi surfing at sunset"),
    ];

    private TestService Service => shared.Service;

    private static ChatCompletionOptions Greedy(int maxTokens = 24) => new() { Temperature = 0, MaxOutputTokenCount = maxTokens };

    private async Task<ChatCompletion> CompleteAsync(ChatCompletionOptions options) =>
        (await Service.Chat().CompleteChatAsync(Conversation, options, TestContext.Current.CancellationToken)).Value;

    private async Task<(string Text, ChatFinishReason? FinishReason, ChatTokenUsage? Usage, List<StreamingChatCompletionUpdate> Updates)> StreamAsync(ChatCompletionOptions options)
    {
        var text = new StringBuilder();
        ChatFinishReason? finishReason = null;
        ChatTokenUsage? usage = null;
        var updates = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in Service.Chat().CompleteChatStreamingAsync(Conversation, options, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finishReason ??= update.FinishReason;
            usage ??= update.Usage;
        }

        return (text.ToString(), finishReason, usage, updates);
    }

    [Fact]
    public async Task A_completion_answers_in_the_openai_shape_with_usage()
    {
        var completion = await CompleteAsync(Greedy());

        Assert.StartsWith("chatcmpl-", completion.Id, StringComparison.Ordinal);
        Assert.Equal("tiny-llama", completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.False(string.IsNullOrEmpty(completion.Content[0].Text));
        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 24);
        Assert.True(completion.Usage.InputTokenCount > 10, "the prompt holds both messages in the chat template");
        Assert.Equal(completion.Usage.InputTokenCount + completion.Usage.OutputTokenCount, completion.Usage.TotalTokenCount);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - completion.CreatedAt).TotalMinutes) < 5);
    }

    [Fact]
    public async Task A_completion_that_runs_out_of_tokens_ends_with_length()
    {
        // The tiny random model practically never ends a turn within 3 greedy tokens.
        var completion = await CompleteAsync(Greedy(3));

        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_streamed_completion_adds_up_to_the_unstreamed_greedy_completion()
    {
        var whole = await CompleteAsync(Greedy(40));

        var (text, finishReason, usage, updates) = await StreamAsync(Greedy(40));

        Assert.Equal(whole.Content[0].Text, text);
        Assert.Equal(whole.FinishReason, finishReason);
        Assert.Equal(ChatMessageRole.Assistant, updates[0].Role);
        Assert.Single(updates.Select(update => update.CompletionId).Distinct());
        // The OpenAI client asks for the usage chunk; it counts what the whole completion counted.
        Assert.NotNull(usage);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.InputTokenCount, usage.InputTokenCount);
    }

    [Fact]
    public async Task A_stop_string_spanning_tokens_ends_the_completion_before_it()
    {
        // The text of the first k greedy tokens is the greedy completion cut to k tokens; find a boundary between two
        // tokens whose surroundings spell a string that occurs nowhere earlier.
        const int Tokens = 16;
        var prefixes = new List<string>();
        for (var count = 1; count <= Tokens; count++)
        {
            prefixes.Add((await CompleteAsync(Greedy(count))).Content[0].Text);
        }

        var full = prefixes[^1];
        for (var boundary = 1; boundary < Tokens; boundary++)
        {
            var before = prefixes[boundary - 1];
            var added = prefixes[boundary][before.Length..];
            if (before.Length < 2 || added.Length < 2)
            {
                continue;
            }

            var stop = before[^2..] + added[..2];
            var at = before.Length - 2;
            if (full.IndexOf(stop, StringComparison.Ordinal) != at)
            {
                continue;
            }

            var options = Greedy(Tokens);
            options.StopSequences.Add(stop);
            var completion = await CompleteAsync(options);
            var streamed = await StreamAsync(options);

            Assert.Equal(full[..at], completion.Content[0].Text);
            Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
            Assert.Equal(boundary + 1, completion.Usage.OutputTokenCount);
            Assert.Equal(full[..at], streamed.Text);
            Assert.Equal(ChatFinishReason.Stop, streamed.FinishReason);
            return;
        }

        Assert.Fail($"no token boundary of the greedy completion gave a usable stop string: {string.Join(" | ", prefixes)}");
    }

#pragma warning disable OPENAI001 // Seed is marked experimental by the client library.
    [Fact]
    public async Task A_seed_reproduces_a_sampled_completion()
    {
        ChatCompletionOptions Seeded(long seed) => new() { Temperature = 1.0f, MaxOutputTokenCount = 16, Seed = seed };

        var first = await CompleteAsync(Seeded(7));
        var again = await CompleteAsync(Seeded(7));
        var others = new List<string>();
        foreach (var seed in new long[] { 8, 9, 10 })
        {
            others.Add((await CompleteAsync(Seeded(seed))).Content[0].Text);
        }

        Assert.Equal(first.Content[0].Text, again.Content[0].Text);
        Assert.Contains(others, text => text != first.Content[0].Text);
    }
#pragma warning restore OPENAI001

    [Fact]
    public async Task Several_choices_come_back_in_order_with_their_tokens_summed_in_usage()
    {
        var body = BinaryContent.Create(BinaryData.FromObjectAsJson(new
        {
            model = "tiny-llama",
            messages = new[] { new { role = "user", content = "a cat playing piano" } },
            n = 3,
            temperature = 1.0,
            max_tokens = 12,
        }));

        var result = await Service.Chat().CompleteChatAsync(body);

        using var completion = JsonDocument.Parse(result.GetRawResponse().Content.ToString());
        var choices = completion.RootElement.GetProperty("choices").EnumerateArray().ToList();
        Assert.Equal([0, 1, 2], choices.Select(choice => choice.GetProperty("index").GetInt32()));
        Assert.All(choices, choice => Assert.Equal("assistant", choice.GetProperty("message").GetProperty("role").GetString()));
        var usage = completion.RootElement.GetProperty("usage");
        Assert.InRange(usage.GetProperty("completion_tokens").GetInt32(), 3, 36);
        Assert.Equal(
            usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32(),
            usage.GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task The_served_model_is_listed_for_openai_clients()
    {
        var models = (await Service.Models().GetModelsAsync(TestContext.Current.CancellationToken)).Value;

        var model = Assert.Single(models);
        Assert.Equal("tiny-llama", model.Id);
        Assert.Equal("vpo", model.OwnedBy);
        Assert.True(model.CreatedAt > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404_model_not_found()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Service.Chat("gpt-4o").CompleteChatAsync(Conversation, Greedy(), TestContext.Current.CancellationToken));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
        Assert.Contains("gpt-4o", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> InvalidOptions() => ["temperature", "top_p", "max_tokens", "stop"];

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Invalid_parameters_are_a_400_naming_the_parameter(string parameter)
    {
        var options = Greedy();
        switch (parameter)
        {
            case "temperature": options.Temperature = 2.5f; break;
            case "top_p": options.TopP = 1.5f; break;
            case "max_tokens": options.MaxOutputTokenCount = 0; break;
            default:
                foreach (var stop in new[] { "a", "b", "c", "d", "e" })
                {
                    options.StopSequences.Add(stop);
                }

                break;
        }

        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            Service.Chat().CompleteChatAsync(Conversation, options, TestContext.Current.CancellationToken));

        Assert.Equal(400, error.Status);
        Assert.Contains("invalid_request_error", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, string?, string> BadBodies() => new()
    {
        { """{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}""", 404, "model", "model_not_found" },
        { """{"messages": [{"role": "user", "content": "hi"}]}""", 400, "model", "missing_required_parameter" },
        { """{"model": "tiny-llama", "messages": []}""", 400, "messages", "empty_array" },
        { """{"model": "tiny-llama"}""", 400, "messages", "missing_required_parameter" },
        { """{"model": "tiny-llama", "messages": [{"role": "wizard", "content": "hi"}]}""", 400, "messages[0].role", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}, {"role": "tool", "content": "42"}]}""", 400, "messages[1].role", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user"}]}""", 400, "messages[0].content", "missing_required_parameter" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]}""", 400, "messages[0].content[0].type", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "temperature": -0.1}""", 400, "temperature", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "temperature": 2.01}""", 400, "temperature", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "top_p": -1}""", 400, "top_p", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "n": 0}""", 400, "n", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "n": 9}""", 400, "n", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "max_tokens": 0}""", 400, "max_tokens", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "max_completion_tokens": 100000}""", 400, "max_completion_tokens", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "seed": -5}""", 400, "seed", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "stop": ["a", "b", "c", "d", "e"]}""", 400, "stop", "array_above_max_length" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "stop": [""]}""", 400, "stop[0]", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "stop": 5}""", 400, "stop", "invalid_type" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "stream_options": {"include_usage": true}}""", 400, "stream_options", "invalid_value" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "tools": [{"type": "function"}]}""", 400, "tools", "unsupported_parameter" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "frequency_penalty": 0.5}""", 400, "frequency_penalty", "unsupported_parameter" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "temprature": 0.5}""", 400, "temprature", "unknown_parameter" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}], "temperature": "hot"}""", 400, "temperature", "invalid_json" },
        { """{"model": "tiny-llama", "messages": [{"role": "user", "content": "hi"}],""", 400, null, "invalid_json" },
        { "null", 400, null, "invalid_json" },
        { "", 400, null, "invalid_json" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_requests_get_an_openai_error_object_with_a_4xx_status(string json, int status, string? param, string code)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await Service.Client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        var error = body.RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Fields_that_ask_for_nothing_extra_are_accepted()
    {
        const string Json = """
            {"model": "tiny-llama", "messages": [{"role": "developer", "content": "Be brief."}, {"role": "user", "content": [{"type": "text", "text": "a cat"}, {"type": "text", "text": " on a roof"}]}],
             "max_tokens": 2, "temperature": 0, "user": "someone", "tools": [], "logprobs": false, "frequency_penalty": 0, "response_format": {"type": "text"}}
            """;
        using var content = new StringContent(Json, Encoding.UTF8, "application/json");

        using var response = await Service.Client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415_in_the_openai_shape()
    {
        using var content = new StringContent("model=tiny-llama", Encoding.UTF8, "text/plain");

        using var response = await Service.Client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("unsupported_media_type", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_conversation_too_long_for_the_context_is_a_400_context_length_exceeded()
    {
        // About 14,700 characters: within the shared service's 16 KiB body limit, about 7,700 tokens for a 4,096-token context.
        var words = string.Join(' ', Enumerable.Repeat("zebra quantum violet", 700));
        var json = JsonSerializer.Serialize(new { model = "tiny-llama", messages = new[] { new { role = "user", content = words } } });
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await Service.Client.PostAsync("/v1/chat/completions", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("context_length_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("GET", "/v1/chat/completions", 405, "method_not_allowed")]
    [InlineData("GET", "/v1/completions", 404, "not_found")]
    public async Task Unknown_routes_and_methods_under_v1_get_openai_errors(string method, string path, int status, string code)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await Service.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(code, body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(path, body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
