using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Llm;

public sealed class LlmClientTests
{
    private static Task<string> AskAsync(IChatClient chat, string text = "hello") =>
        chat.AskAsync([new ChatMessage(ChatRole.User, text)], 0.7f, null, CancellationToken.None);

    [Fact]
    public async Task Too_many_requests_waits_for_retry_after_then_succeeds()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(_ => "fine");
        server.Fail(ServerFault.TooManyRequests(retryAfterSeconds: 1));
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl));

        var watch = Stopwatch.StartNew();
        var answer = await AskAsync(chat);

        Assert.Equal("fine", answer);
        Assert.Equal(2, server.Requests);
        // The back-off base is 10 ms in tests, so only Retry-After explains a wait of about a second.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task Server_errors_and_timeouts_are_retried_until_an_answer_comes()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(call => "answer to " + call.LastUser);
        server.Fail(ServerFault.ServerError, 2);
        server.Fail(ServerFault.Hang(TimeSpan.FromSeconds(10)));
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl, TestSettings.FastHttp(maxRetries: 4, attemptTimeoutSeconds: 0.5)));

        var answer = await AskAsync(chat, "q");

        Assert.Equal("answer to q", answer);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public async Task Retries_give_up_after_the_limit_with_the_status_in_the_error()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(_ => "never");
        server.Fail(ServerFault.ServerError, 10);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl, TestSettings.FastHttp(maxRetries: 2)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsync(chat));

        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Requests_in_flight_never_exceed_the_concurrency_limit()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(_ => "ok");
        server.AnswerDelay = TimeSpan.FromMilliseconds(100);
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl, TestSettings.FastHttp(maxConcurrency: 2)));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AskAsync(chat, $"q{i}")));

        Assert.Equal(8, server.Calls.Count);
        Assert.Equal(2, server.MaxInFlight);
    }

    [Fact]
    public async Task The_request_rate_limit_spaces_requests_out()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(_ => "ok");
        // 600 a minute: 10 a second; 25 requests need at least 1.5 s of refills after the first ten.
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl, TestSettings.FastHttp(requestsPerMinute: 600, maxConcurrency: 25)));

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 25).Select(i => AskAsync(chat, $"q{i}")));

        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.4), $"25 requests at 10/s took only {watch.Elapsed}");
        Assert.Equal(25, server.Requests);
    }

    [Fact]
    public async Task Sampling_settings_and_model_reach_the_server()
    {
        await using var server = await OpenAiChatServerDouble.StartAsync(_ => "ok");
        using var chat = LlmClientFactory.Create(TestSettings.Llm(server.BaseUrl));

        await chat.AskAsync([new ChatMessage(ChatRole.System, "sys"), new ChatMessage(ChatRole.User, "u")], 0.9f, 0.9f, CancellationToken.None);

        var call = Assert.Single(server.Calls);
        Assert.Equal("judge-double", call.Model);
        Assert.Equal(0.9, call.Temperature!.Value, 3);
        Assert.Equal(0.9, call.TopP!.Value, 3);
        Assert.Equal([("system", "sys"), ("user", "u")], call.Messages);
    }

    [Fact]
    public void An_endpoint_that_is_not_http_is_rejected_naming_the_option()
    {
        var error = Assert.Throws<ValidationException>(() => LlmOptions.FromValuesOrEnvironment("ftp://judge", "gpt-4o", null, TestSettings.FastHttp()));
        Assert.Contains("--llm-url", error.Message, StringComparison.Ordinal);
    }
}
