using Microsoft.Extensions.AI;

namespace Vpo.Training.Construction.Llm;

/// <summary>Sends a conversation and returns the answer's text; an empty answer counts as malformed by the callers.</summary>
public static class ChatText
{
    /// <summary>The text of the model's answer to <paramref name="messages"/>.</summary>
    public static async Task<string> AskAsync(
        this IChatClient chat, IEnumerable<ChatMessage> messages, float temperature, float? topP, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var options = new ChatOptions { Temperature = temperature, TopP = topP };
        var response = await chat.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return response.Text ?? string.Empty;
    }
}
