using Vpo.Api.Contracts;
using Vpo.Api.Validation;
using Vpo.Inference.Generation;
using Vpo.Inference.Optimization;
using Vpo.Inference.Prompting;

namespace Vpo.Api.Endpoints;

/// <summary>Maps optimizer results to the response contract.</summary>
internal static class OptimizeResponses
{
    public static OptimizeResponse Create(OptimizePlan plan, IReadOnlyList<OptimizationResult> results, string model)
    {
        var mapped = results.Select(Result).ToList();
        var usage = new TokenUsage
        {
            PromptTokens = mapped.Sum(result => result.Usage.PromptTokens),
            CompletionTokens = mapped.Sum(result => result.Usage.CompletionTokens),
        };
        var timings = new Timings
        {
            QueueMs = mapped.Sum(result => result.Timings.QueueMs),
            GenerationMs = mapped.Sum(result => result.Timings.GenerationMs),
        };

        if (plan.IsSingle)
        {
            var single = mapped[0];
            return new OptimizeResponse
            {
                Prompt = single.Prompt,
                Iterations = single.Iterations,
                Generation = single.Generation,
                Converged = single.Converged,
                Model = model,
                Usage = usage,
                Timings = timings,
            };
        }

        return new OptimizeResponse { Results = mapped, Model = model, Usage = usage, Timings = timings };
    }

    private static OptimizeResult Result(OptimizationResult result)
    {
        var iterations = result.Iterations.Select(Iteration).ToList();
        return new OptimizeResult
        {
            Query = result.Query,
            Prompt = result.Prompt,
            Iterations = iterations,
            Generation = Generation(result.Generation),
            Converged = result.Converged,
            Usage = new TokenUsage
            {
                PromptTokens = iterations.Sum(iteration => iteration.Usage.PromptTokens),
                CompletionTokens = iterations.Sum(iteration => iteration.Usage.CompletionTokens),
            },
            Timings = new Timings
            {
                QueueMs = iterations.Sum(iteration => iteration.Timings.QueueMs),
                GenerationMs = iterations.Sum(iteration => iteration.Timings.GenerationMs),
            },
        };
    }

    private static OptimizeIteration Iteration(GenerationResult answer) => new()
    {
        Prompt = answer.Text,
        FinishReason = answer.FinishReason == FinishReason.Stop ? "stop" : "length",
        BatchSize = answer.BatchSize,
        Usage = new TokenUsage { PromptTokens = answer.PromptTokens, CompletionTokens = answer.CompletionTokens },
        Timings = new Timings
        {
            QueueMs = Math.Round(answer.QueueTime.TotalMilliseconds, 3),
            GenerationMs = Math.Round(answer.GenerationTime.TotalMilliseconds, 3),
        },
    };

    private static GenerationParametersContract Generation(GenerationParameters parameters) => new()
    {
        AspectRatio = parameters.AspectRatio,
        NegativePrompt = parameters.NegativePrompt,
        Fps = parameters.Fps,
        Seed = parameters.Seed,
        Motion = parameters.Motion,
        GuidanceScale = parameters.GuidanceScale,
        Camera = parameters.Camera,
        Other = parameters.Other.Count == 0 ? null : parameters.Other,
    };
}
