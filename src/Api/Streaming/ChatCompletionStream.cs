using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Vpo.Api.Contracts.OpenAi;
using Vpo.Api.Hosting;
using Vpo.Api.Validation;
using Vpo.Inference.Generation;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Streaming;

/// <summary>
/// One chat completion's answer in the OpenAI shapes: whole (<c>chat.completion</c>) or as server-sent events
/// (<c>chat.completion.chunk</c> per batch of tokens, then <c>[DONE]</c>). All chunks of a stream share the id and
/// creation time, as OpenAI clients expect.
/// </summary>
internal sealed class ChatCompletionStream(ChatCompletionPlan plan, string model, JsonSerializerOptions json, ApiTelemetry telemetry)
{
    private const string Done = "[DONE]";

    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly StreamedWork<int, IReadOnlyList<GenerationResult>> _work = new();

    /// <summary>The whole answer from the choices' results.</summary>
    public ChatCompletion Whole(IReadOnlyList<GenerationResult> results) => new()
    {
        Id = _id,
        Created = _created,
        Model = model,
        Choices = [.. results.Select((result, index) => new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionMessage { Content = result.Text },
            FinishReason = FinishReasonOf(result),
        })],
        Usage = Usage(results),
    };

    /// <summary>
    /// Queues the choices as rows of the scheduler and waits for their first token, so that a refusal (full queue,
    /// prompt too long) is thrown here and answered with its status before the stream has begun.
    /// </summary>
    public Task StartAsync(GenerationScheduler scheduler, CancellationToken cancellationToken) =>
        _work.StartAsync((channel, stop) => scheduler.GenerateAllAsync(
            [.. Enumerable.Range(0, plan.Choices).Select(choice => plan.Job(choice, progress => channel.Post(choice, progress.Delta)))],
            channel.Finish,
            stop), cancellationToken);

    /// <summary>
    /// The events of a started stream: a role chunk per choice, content chunks as text arrives, a finish chunk per
    /// choice, the usage chunk when asked for, <c>[DONE]</c>. A failure after the stream began becomes an OpenAI error
    /// event. When the client goes away, <paramref name="cancellationToken"/> (the request's abort token) ends the
    /// enumeration and every choice still generating is cancelled.
    /// </summary>
    public async IAsyncEnumerable<SseItem<string>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var outcome = RequestOutcome.Cancelled;
        try
        {
            for (var choice = 0; choice < plan.Choices; choice++)
            {
                yield return Event(Chunk(choice, new ChatCompletionDelta { Role = "assistant", Content = string.Empty }, null));
            }

            await foreach (var batch in _work.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var update in batch)
                {
                    yield return Event(update.Finished is { } result
                        ? Chunk(update.Key, new ChatCompletionDelta(), FinishReasonOf(result))
                        : Chunk(update.Key, new ChatCompletionDelta { Content = update.Delta }, null));
                }
            }

            if (_work.Failure is { } failure)
            {
                outcome = failure is QueueFullException ? RequestOutcome.QueueFull : RequestOutcome.Error;
                yield return Event(new OpenAiErrorResponse
                {
                    Error = new OpenAiError { Message = failure.Message, Type = "server_error", Param = null, Code = null },
                });
                yield break;
            }

            var results = await _work.Result.ConfigureAwait(false);
            if (plan.IncludeUsage)
            {
                yield return Event(new ChatCompletionChunk { Id = _id, Created = _created, Model = model, Choices = [], Usage = Usage(results) });
            }

            yield return new SseItem<string>(Done);
            outcome = RequestOutcome.Ok;
        }
        finally
        {
            telemetry.RecordChatRequest(outcome);
        }
    }

    private ChatCompletionChunk Chunk(int choice, ChatCompletionDelta delta, string? finishReason) => new()
    {
        Id = _id,
        Created = _created,
        Model = model,
        Choices = [new ChatCompletionChunkChoice { Index = choice, Delta = delta, FinishReason = finishReason }],
    };

    private SseItem<string> Event<T>(T payload) => new(JsonSerializer.Serialize(payload, json));

    private static string FinishReasonOf(GenerationResult result) => result.FinishReason == FinishReason.Stop ? "stop" : "length";

    private static CompletionUsage Usage(IReadOnlyList<GenerationResult> results)
    {
        var completion = results.Sum(result => result.CompletionTokens);
        return new CompletionUsage { PromptTokens = results[0].PromptTokens, CompletionTokens = completion, TotalTokens = results[0].PromptTokens + completion };
    }
}
