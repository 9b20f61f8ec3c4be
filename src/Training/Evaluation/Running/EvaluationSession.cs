using Microsoft.Extensions.Logging;
using Vpo.Inference.Generation;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Evaluation.Chat;
using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Judging;
using Vpo.Training.Evaluation.Optimizers;
using Vpo.Training.Evaluation.Reporting;

namespace Vpo.Training.Evaluation.Running;

/// <summary>A whole <c>eval</c> run: read the queries, run every optimizer (resuming), then write the report.</summary>
public sealed class EvaluationSession(EvaluationSettings settings, TextWriter progressWriter, ILoggerFactory loggerFactory)
{
    /// <summary>The results file's name inside the output folder.</summary>
    public const string ResultsFile = "results.jsonl";

    /// <summary>Runs the evaluation and writes <c>report.md</c>, <c>report.json</c> and <c>report.png</c>.</summary>
    public async Task<EvaluationReport> RunAsync(CancellationToken cancellationToken)
    {
        settings.ValidateOrThrow();
        var logger = loggerFactory.CreateLogger<EvaluationSession>();
        var queries = await Data.QueryListReader.ReadAsync(settings.QueryFile, cancellationToken).ConfigureAwait(false);
        var items = QuerySelection.Select(queries, settings.Limit, settings.Seed);
        var demonstrations = await LoadDemonstrationsAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(settings.OutputFolder);
        logger.LogInformation("Evaluating {Count} of {Total} queries from {QueryFile}", items.Count, queries.Count, settings.QueryFile);

        var checker = new PrincipleChecker(settings.Thresholds);
        using var judgeClient = settings.JudgeModel is { } judgeModel ? LlmClientFactory.Create(settings.ChatEndpoint!.ForModel(judgeModel)) : null;
        var judge = judgeClient is null
            ? null
            : new CritiqueJudge(judgeClient, settings.JudgeModel!, loggerFactory.CreateLogger<CritiqueJudge>());

        var names = new List<string>();
        await using (var log = await ResultLog.OpenAsync(Path.Combine(settings.OutputFolder, ResultsFile), cancellationToken).ConfigureAwait(false))
        {
            var runner = new EvaluationRunner(checker, judge, log, progressWriter, loggerFactory.CreateLogger<EvaluationRunner>(), settings.Concurrency);
            foreach (var spec in settings.Optimizers)
            {
                var (optimizer, resources) = await CreateOptimizerAsync(spec, demonstrations, cancellationToken).ConfigureAwait(false);
                try
                {
                    names.Add(optimizer.Name);
                    await runner.RunAsync(optimizer, items, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await resources.DisposeAsync().ConfigureAwait(false);
                }
            }

            var builder = new SummaryBuilder(checker, settings.ExamplesPerKind);
            var summaries = names.Select(name => builder.Build(name, items
                    .Select(item => log.Find(name, item.Index))
                    .OfType<EvaluationRecord>()
                    .ToList()))
                .ToList();
            var report = new EvaluationReport(
                Path.GetFullPath(settings.QueryFile), items.Count, settings.Limit, settings.Seed, settings.JudgeModel,
                checker.Options, summaries, DateTimeOffset.UtcNow);
            await ReportWriter.WriteAsync(report, settings.OutputFolder, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Report written to {Folder}", Path.GetFullPath(settings.OutputFolder));
            return report;
        }
    }

    private async Task<(IPromptOptimizer Optimizer, IAsyncDisposable Resources)> CreateOptimizerAsync(
        OptimizerSpec spec, FewShotDemonstrations demonstrations, CancellationToken cancellationToken)
    {
        switch (spec.Kind)
        {
            case OptimizerKind.Raw:
                return (new RawQueryOptimizer(), Disposal.None);
            case OptimizerKind.Service:
                var service = new ServiceOptimizer(new Uri(spec.Argument), settings.ServiceTimeout);
                return (service, new Disposal(service));
            case OptimizerKind.OpenAi:
                var chat = LlmClientFactory.Create(settings.ChatEndpoint!.ForModel(spec.Argument));
                return (new FewShotChatOptimizer(chat, spec.Argument, demonstrations, settings.Seed ?? 0), new Disposal(chat));
            case OptimizerKind.ModelFolder:
                var model = await ModelFolderOptimizer.StartAsync(
                    spec.Argument, new SamplingOptions(settings.Temperature, settings.TopP, settings.MaxNewTokens, Seed: null), loggerFactory, cancellationToken).ConfigureAwait(false);
                return (model, model);
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown optimizer kind.");
        }
    }

    // Lets synchronous and asynchronous resources be released the same way.
    private sealed class Disposal(IDisposable? resource) : IAsyncDisposable
    {
        public static Disposal None { get; } = new(null);

        public ValueTask DisposeAsync()
        {
            resource?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<FewShotDemonstrations> LoadDemonstrationsAsync(CancellationToken cancellationToken)
    {
        if (settings.DemonstrationsFile is not { } path)
        {
            return FewShotDemonstrations.Default;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"--demonstrations file '{path}' does not exist.", path);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes);
        return FewShotDemonstrations.Load(stream, path);
    }
}
