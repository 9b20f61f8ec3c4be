using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Vpo.Training.Evaluation.Chat;

/// <summary>Creates <see cref="IChatClient"/>s for a model on an OpenAI-compatible endpoint (Microsoft.Extensions.AI.OpenAI).</summary>
public static class ChatClientFactory
{
    // OpenAI's client refuses an empty key; servers that need none ignore whatever is sent.
    private const string NoKey = "no-key";

    /// <summary>A chat client for <paramref name="model"/>; retries 429/5xx/timeouts with exponential back-off.</summary>
    public static IChatClient Create(ChatEndpointOptions options, string model)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        var client = new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? NoKey), clientOptions);
        return client.GetChatClient(model).AsIChatClient();
    }
}
