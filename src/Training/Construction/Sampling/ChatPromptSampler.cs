using Microsoft.Extensions.AI;
using Vpo.Inference.Prompting;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
using ChatRole = Microsoft.Extensions.AI.ChatRole;

namespace Vpo.Training.Construction.Sampling;

/// <summary>
/// Samples an SFT model served behind an OpenAI-compatible endpoint (as the authors served theirs with vLLM): the
/// query goes into the optimizer's instruction as the single user turn, one request per sample.
/// </summary>
public sealed class ChatPromptSampler(IChatClient chat, SamplingSettings settings) : IPromptSampler
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> SampleAsync(string query, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = new ChatOptions { Temperature = settings.Temperature, TopP = settings.TopP, MaxOutputTokens = settings.MaxNewTokens };
        var requests = Enumerable.Range(0, count).Select(async _ =>
        {
            var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, VpoInstruction.Format(query))], options, cancellationToken).ConfigureAwait(false);
            return (response.Text ?? string.Empty).Trim();
        });
        return await Task.WhenAll(requests).ConfigureAwait(false);
    }
}
