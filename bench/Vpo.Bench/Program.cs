using System.CommandLine;
using System.Globalization;
using Vpo.Bench;
using Vpo.Bench.Generation;
using Vpo.Bench.Reporting;

var repository = RepositoryRoot();
var model = new Option<string>("--model") { Description = "Served model folder.", DefaultValueFactory = _ => Path.Combine(repository, "onnx") };
var queries = new Option<string>("--queries") { Description = "JSON array of real queries.", DefaultValueFactory = _ => Path.Combine(repository, "data", "splits", "validation-queries.json") };
var service = new Option<string>("--service") { Description = "The built service apphost.", DefaultValueFactory = _ => Path.Combine(repository, "src", "Api", "bin", "Release", "net10.0", "Vpo.Api") };
var output = new Option<string>("--output") { Description = "Report folder.", DefaultValueFactory = _ => Path.Combine(repository, "bench", "results") };
var concurrency = new Option<string>("--concurrency") { Description = "Client counts, comma-separated.", DefaultValueFactory = _ => "1,4,16,64" };
var levelSeconds = new Option<double>("--level-seconds") { Description = "Seconds per load level and for the bare loop.", DefaultValueFactory = _ => 30 };
var warmUpSeconds = new Option<double>("--warm-up-seconds") { Description = "Unmeasured load on each started service before its levels (0 skips it).", DefaultValueFactory = _ => 20 };
var newTokens = new Option<int>("--new-tokens") { Description = "Tokens every request generates.", DefaultValueFactory = _ => 128 };
var maxBatch = new Option<int>("--max-batch") { Description = "Batch limit of the batching service.", DefaultValueFactory = _ => 16 };
var soakMinutes = new Option<double>("--soak-minutes") { Description = "Soak length (0 skips it).", DefaultValueFactory = _ => 10 };
var soakConcurrency = new Option<int>("--soak-concurrency") { Description = "Clients during the soak.", DefaultValueFactory = _ => 16 };
var seed = new Option<int>("--seed") { Description = "Shuffles the queries.", DefaultValueFactory = _ => 7 };
var report = new Command("report", "Load-test the service on loopback, compare it with the bare GenAI loop and the memory roofline, soak it, and write the report.")
{
    model, queries, service, output, concurrency, levelSeconds, warmUpSeconds, newTokens, maxBatch, soakMinutes, soakConcurrency, seed,
};
report.SetAction(async (result, cancellationToken) =>
{
    BenchmarkSettings settings;
    try
    {
        settings = new BenchmarkSettings
        {
            ModelFolder = result.GetValue(model)!,
            QueriesFile = result.GetValue(queries)!,
            ServiceApphost = result.GetValue(service)!,
            OutputFolder = result.GetValue(output)!,
            Concurrencies = result.GetValue(concurrency)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0).ToArray(),
            LevelDuration = TimeSpan.FromSeconds(result.GetValue(levelSeconds)),
            WarmUpDuration = TimeSpan.FromSeconds(result.GetValue(warmUpSeconds)),
            NewTokens = result.GetValue(newTokens),
            MaxBatchSize = result.GetValue(maxBatch),
            SoakDuration = TimeSpan.FromMinutes(result.GetValue(soakMinutes)),
            SoakConcurrency = result.GetValue(soakConcurrency),
            Seed = result.GetValue(seed),
            Command = "dotnet run --project bench/Vpo.Bench -c Release -- " + string.Join(' ', args),
        };
        settings.Validate();
    }
    catch (ArgumentException error)
    {
        await Console.Error.WriteLineAsync(error.Message);
        return 2;
    }

    var progress = new Progress<string>(line => Console.WriteLine($"[bench] {DateTime.UtcNow:HH:mm:ss} {line}"));
    await BenchmarkRun.RunAsync(settings, progress, cancellationToken);
    Console.WriteLine($"report: {Path.Combine(settings.OutputFolder, "report.md")}");
    return 0;
});

var results = new Option<string>("--results") { Description = "A run's results.json.", DefaultValueFactory = _ => Path.Combine(repository, "bench", "results", ReportFiles.ResultsFileName) };
var render = new Command("render", "Write report.md and the charts again from a run's results.json, without measuring.") { results };
render.SetAction(async (result, cancellationToken) =>
{
    try
    {
        await ReportFiles.RenderAgainAsync(result.GetValue(results)!, cancellationToken);
    }
    catch (Exception error) when (error is FileNotFoundException or InvalidDataException)
    {
        await Console.Error.WriteLineAsync(error.Message);
        return 2;
    }

    Console.WriteLine($"report: {Path.Combine(Path.GetDirectoryName(Path.GetFullPath(result.GetValue(results)!))!, "report.md")}");
    return 0;
});

var greedyModel = new Argument<string>("model-folder") { Description = "Model folder." };
var batches = new Option<string>("--batch-sizes") { DefaultValueFactory = _ => "1,8" };
var greedyTokens = new Option<int>("--new-tokens") { DefaultValueFactory = _ => 64 };
var promptTokens = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 32 };
var greedy = new Command("greedy", "Bare GenAI greedy decode rate at fixed batch sizes (random prompt tokens).") { greedyModel, batches, greedyTokens, promptTokens };
greedy.SetAction(result => GreedyThroughput.Run(result.GetValue(greedyModel)!,
    result.GetValue(batches)!.Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray(),
    result.GetValue(greedyTokens), result.GetValue(promptTokens)));

var root = new RootCommand("VPO benchmarks") { report, render, greedy };
return await root.Parse(args).InvokeAsync();

static string RepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "VPO.sln")))
        {
            return folder.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
