using System.Globalization;
using Vpo.Training.Loops;

namespace Vpo.Training.Reporting;

/// <summary>
/// Appends one row per update and per evaluation to a run's <c>metrics.csv</c>, flushed at once so the file
/// survives a crash; a resumed run appends to the same file.
/// </summary>
public sealed class MetricsCsvWriter : IDisposable
{
    private static readonly string[] FixedColumns = ["kind", "step", "epoch", "learning_rate", "loss", "grad_norm", "tokens", "tokens_per_second"];

    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _metricNames;

    /// <summary>Opens (or creates with a header) the metrics file.</summary>
    public MetricsCsvWriter(string path, IReadOnlyList<string> metricNames)
    {
        ArgumentNullException.ThrowIfNull(metricNames);
        _metricNames = metricNames;
        var header = string.Join(',', FixedColumns.Concat(metricNames));
        var exists = File.Exists(path) && new FileInfo(path).Length > 0;
        if (exists)
        {
            var existingHeader = File.ReadLines(path).First();
            if (existingHeader != header)
            {
                throw new InvalidOperationException($"{path} has the columns \"{existingHeader}\"; this run writes \"{header}\". Use a new output folder.");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path, append: true) { AutoFlush = true };
        if (!exists)
        {
            _writer.WriteLine(header);
        }
    }

    /// <summary>The column names, in order.</summary>
    public IReadOnlyList<string> Columns => [.. FixedColumns, .. _metricNames];

    /// <summary>Appends an update.</summary>
    public void Write(StepMetrics step)
    {
        ArgumentNullException.ThrowIfNull(step);
        WriteRow("train", step.Step, step.Epoch, step.LearningRate, step.Loss, step.GradientNorm, step.Tokens, step.TokensPerSecond, step.Metrics);
    }

    /// <summary>Appends a held-out evaluation.</summary>
    public void Write(EvaluationMetrics evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        WriteRow("eval", evaluation.Step, evaluation.Epoch, null, evaluation.Loss, null, null, null, evaluation.Metrics);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private void WriteRow(string kind, long step, int epoch, double? learningRate, double loss, double? gradientNorm, long? tokens, double? tokensPerSecond, IReadOnlyDictionary<string, double> metrics)
    {
        var cells = new List<string>
        {
            kind,
            step.ToString(CultureInfo.InvariantCulture),
            epoch.ToString(CultureInfo.InvariantCulture),
            Format(learningRate),
            Format(loss),
            Format(gradientNorm),
            tokens?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            Format(tokensPerSecond),
        };
        cells.AddRange(_metricNames.Select(name => metrics.TryGetValue(name, out var value) ? Format(value) : string.Empty));
        _writer.WriteLine(string.Join(',', cells));
    }

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
