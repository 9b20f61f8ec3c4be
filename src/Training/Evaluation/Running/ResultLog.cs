using System.Text;
using System.Text.Json;

namespace Vpo.Training.Evaluation.Running;

/// <summary>
/// The run's append-only <c>results.jsonl</c>. Each finished item is appended and flushed at once, so an
/// interrupted run loses at most the item in flight; on load the last record of an (optimizer, index) wins and
/// a torn last line (a crash mid-write) is cut off.
/// </summary>
public sealed class ResultLog : IAsyncDisposable
{
    private readonly Dictionary<(string Optimizer, int Index), EvaluationRecord> _records = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;

    private ResultLog(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the log and reads what earlier runs wrote.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a record; the message names the line.</exception>
    public static async Task<ResultLog> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var log = new ResultLog(path, stream);
        try
        {
            await log.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return log;
    }

    /// <summary>The latest record of every (optimizer, query index).</summary>
    public IReadOnlyCollection<EvaluationRecord> Records => _records.Values;

    /// <summary>The latest record of one optimizer on one query, or null.</summary>
    public EvaluationRecord? Find(string optimizer, int index) => _records.GetValueOrDefault((optimizer, index));

    /// <summary>Appends a record and flushes it to disk.</summary>
    public async Task AppendAsync(EvaluationRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, EvaluationJson.Compact) + "\n");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Written in one call and flushed; a cancellation does not interrupt a half-written line.
            await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            _records[(record.Optimizer, record.Index)] = record;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[_stream.Length];
        await _stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        var complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (complete < bytes.Length)
        {
            // The last line was torn by an interruption: drop it, its item is simply done again.
            _stream.SetLength(complete);
        }

        _stream.Seek(complete, SeekOrigin.Begin);
        var lines = Encoding.UTF8.GetString(bytes, 0, complete).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            EvaluationRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<EvaluationRecord>(lines[i], EvaluationJson.Compact);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{Path} line {i + 1}: not an evaluation record ({ex.Message}).", ex);
            }

            if (record is null || string.IsNullOrEmpty(record.Optimizer))
            {
                throw new InvalidDataException($"{Path} line {i + 1}: not an evaluation record (no 'optimizer').");
            }

            _records[(record.Optimizer, record.Index)] = record;
        }
    }
}
