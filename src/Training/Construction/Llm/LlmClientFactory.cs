using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Vpo.Inference.Http;

namespace Vpo.Training.Construction.Llm;

/// <summary>
/// Creates the <see cref="IChatClient"/> of an OpenAI-compatible endpoint (Microsoft.Extensions.AI.OpenAI) whose HTTP
/// traffic goes through <see cref="ResilientHttpHandler"/>: the OpenAI SDK's own retries are switched off so that
/// one policy (jittered back-off, <c>Retry-After</c>, concurrency and rate limits) governs every request.
/// </summary>
public static class LlmClientFactory
{
    // OpenAI's client refuses an empty key; servers that need none ignore whatever is sent.
    private const string NoKey = "no-key";

    /// <summary>A chat client for <see cref="LlmOptions.Model"/>; disposing it releases its HTTP client.</summary>
    /// <param name="options">The endpoint.</param>
    /// <param name="transport">The innermost handler; a socket handler when null (tests pass their own).</param>
    public static IChatClient Create(LlmOptions options, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var http = ResilientHttpHandler.CreateClient(options.Http, null, transport);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The resilient handler times out each attempt; the SDK must not cut a request that is waiting for a retry.
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? NoKey), clientOptions);
        return new OwningChatClient(client.GetChatClient(options.Model).AsIChatClient(), http);
    }

    private sealed class OwningChatClient(IChatClient inner, HttpClient http) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                http.Dispose();
            }
        }
    }
}
