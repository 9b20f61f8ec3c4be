using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Vpo.Api.Tests.Hosting;

/// <summary>At Information level and above, logs carry neither API keys nor the users' prompts.</summary>
public sealed class LoggingPrivacyTests
{
    private const string Key = "studio-key-7f3a9c1e5b2d4f6a8c0e";
    private const string WrongKey = "guess-key-1111222233334444";
    private const string Query = "quokka juggling marmalade jars on a tightrope";

    [Fact]
    public async Task Information_logs_hold_no_api_key_and_no_prompt_text()
    {
        var app = TestService.Build(
            "Logging:LogLevel:Default=Information", "Logging:LogLevel:Microsoft.AspNetCore=Information",
            "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=Information", "Logging:Console:LogLevel:Default=None",
            "ApiKeyAuthentication:Enabled=true", $"ApiKeyAuthentication:Keys:studio={Key}",
            "RateLimiting:Enabled=true", "RateLimiting:PermitLimit=3");
        var captured = new CapturingLoggerProvider();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(captured);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Urls.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        while ((await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        foreach (var key in new[] { Key, WrongKey, Key, Key })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/optimize?iterations=2")
            {
                Content = JsonContent.Create(new { query = Query, options = new { max_new_tokens = 4, seed = 7 } }),
            };
            request.Headers.Add("X-Api-Key", key);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        }

        await app.StopAsync(TestContext.Current.CancellationToken);
        await app.DisposeAsync();

        var messages = captured.Messages.ToList();
        Assert.Contains(messages, message => message.Contains("/optimize", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, message => message.Contains(Key, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, message => message.Contains(WrongKey, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, message => message.Contains("quokka", StringComparison.OrdinalIgnoreCase));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Messages);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            messages.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}")) : string.Empty;
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
