using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Vpo.Api.Contracts;
using Vpo.Api.Endpoints;
using Vpo.Api.Hosting;
using Vpo.Api.Validation;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;
using Vpo.Inference.Scheduling;

namespace Vpo.Api.Streaming;

/// <summary>
/// A streamed optimization: every iteration's prompt of every query as it is generated (<see cref="OptimizeStreamEvent"/>),
/// then the response the request would have returned whole, then <c>[DONE]</c>.
/// </summary>
internal sealed class OptimizeStream(OptimizePlan plan, string model, JsonSerializerOptions json, ApiTelemetry telemetry)
{
    private const string Done = "[DONE]";

    private readonly StreamedWork<(int Query, int Iteration), IReadOnlyList<OptimizationResult>> _work = new();

    /// <summary>Starts the optimization and waits for its first token, so that a refusal is answered before streaming.</summary>
    public Task StartAsync(PromptOptimizer optimizer, CancellationToken cancellationToken) =>
        _work.StartAsync((channel, stop) => optimizer.OptimizeManyAsync(plan.Queries, plan.Options, plan.Iterations, progress =>
        {
            if (progress.Finished is { } finished)
            {
                channel.Finish((progress.Query, progress.Iteration), finished);
            }
            else
            {
                channel.Post((progress.Query, progress.Iteration), progress.Delta);
            }
        }, stop), cancellationToken);

    /// <summary>The events of a started stream; the client going away cancels the optimization.</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var outcome = RequestOutcome.Cancelled;
        try
        {
            await foreach (var batch in _work.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var update in batch)
                {
                    var (query, iteration) = update.Key;
                    yield return Event(update.Finished is { } finished
                        ? new OptimizeStreamEvent
                        {
                            Object = "optimize.iteration",
                            Index = query,
                            Iteration = iteration,
                            Prompt = finished.Text,
                            FinishReason = finished.FinishReason == FinishReason.Stop ? "stop" : "length",
                        }
                        : new OptimizeStreamEvent { Object = "optimize.delta", Index = query, Iteration = iteration, Delta = update.Delta });
                }
            }

            if (_work.Failure is { } failure)
            {
                var busy = failure is QueueFullException;
                outcome = busy ? RequestOutcome.QueueFull : RequestOutcome.Error;
                yield return Event(new OptimizeStreamEvent
                {
                    Object = "optimize.error",
                    Error = new ProblemDetails
                    {
                        Status = busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
                        Title = busy ? "The optimizer is busy" : "The optimization failed",
                        Detail = failure.Message,
                    },
                });
                yield break;
            }

            var results = await _work.Result.ConfigureAwait(false);
            yield return Event(new OptimizeStreamEvent { Object = "optimize.result", Result = OptimizeResponses.Create(plan, results, model) });
            yield return new SseItem<string>(Done);
            outcome = RequestOutcome.Ok;
        }
        finally
        {
            telemetry.RecordRequest(outcome);
        }
    }

    private SseItem<string> Event(OptimizeStreamEvent payload) => new(JsonSerializer.Serialize(payload, json));
}
