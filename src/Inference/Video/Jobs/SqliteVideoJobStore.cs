using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Vpo.Inference.Video.Jobs;

/// <summary>
/// Video jobs in an embedded SQLite database (<c>jobs.db</c> in the data folder; WAL journal, so readers never wait on
/// the driver's writes). Each job is one row: its id, idempotency key, status and the whole record as JSON. The file is
/// created on the first job, so a service without video backends leaves no file behind. One process per file.
/// </summary>
public sealed class SqliteVideoJobStore : IVideoJobStore
{
    /// <summary>The database's file name in the data folder.</summary>
    public const string FileName = "jobs.db";

    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };
    private static readonly string[] Finished = ["Succeeded", "Failed", "Cancelled"];

    private readonly string _path;
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A store in <paramref name="folder"/> (created when the first job is stored).</summary>
    public SqliteVideoJobStore(string folder, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _path = Path.Combine(Path.GetFullPath(folder), FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _time = time;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => _path;

    /// <inheritdoc />
    public async Task<(VideoJob Job, bool Created)> CreateAsync(VideoJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(create: true, cancellationToken).ConfigureAwait(false);
        // INSERT OR IGNORE on the unique key, then read back: two requests racing with one key get one job.
        await using (var insert = connection!.CreateCommand())
        {
            insert.CommandText = """
                INSERT OR IGNORE INTO video_jobs (id, idempotency_key, status, created_at, updated_at, document)
                VALUES ($id, $key, $status, $created, $updated, $document)
                """;
            insert.Parameters.AddWithValue("$id", job.Id);
            insert.Parameters.AddWithValue("$key", (object?)job.IdempotencyKey ?? DBNull.Value);
            insert.Parameters.AddWithValue("$status", job.Status.ToString());
            insert.Parameters.AddWithValue("$created", job.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$updated", job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$document", JsonSerializer.Serialize(job, Json));
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return (job, true);
            }
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT document FROM video_jobs WHERE idempotency_key = $key OR id = $id LIMIT 1";
        select.Parameters.AddWithValue("$key", (object?)job.IdempotencyKey ?? DBNull.Value);
        select.Parameters.AddWithValue("$id", job.Id);
        var existing = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
            ?? throw new InvalidOperationException($"job {job.Id} was neither inserted nor found in {_path}.");
        return (Read(existing), false);
    }

    /// <inheritdoc />
    public async Task<VideoJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(create: false, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT document FROM video_jobs WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string document ? Read(document) : null;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(VideoJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(create: true, cancellationToken).ConfigureAwait(false);
        await using var update = connection!.CreateCommand();
        update.CommandText = """
            UPDATE video_jobs SET status = $status, updated_at = $updated, document = $document
            WHERE id = $id AND status NOT IN ('Succeeded', 'Failed', 'Cancelled')
            """;
        update.Parameters.AddWithValue("$id", job.Id);
        update.Parameters.AddWithValue("$status", job.Status.ToString());
        update.Parameters.AddWithValue("$updated", job.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$document", JsonSerializer.Serialize(job, Json));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<VideoJob?> CancelAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(create: false, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        // Read and write in one immediate transaction, so a driver's write cannot slip in between.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT document FROM video_jobs WHERE id = $id";
        select.Parameters.AddWithValue("$id", id);
        if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string document)
        {
            return null;
        }

        var job = Read(document);
        if (job.IsFinished)
        {
            return job;
        }

        var cancelled = job with { Status = VideoJobStatus.Cancelled, UpdatedAt = _time.GetUtcNow() };
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE video_jobs SET status = $status, updated_at = $updated, document = $document WHERE id = $id";
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$status", cancelled.Status.ToString());
        update.Parameters.AddWithValue("$updated", cancelled.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
        update.Parameters.AddWithValue("$document", JsonSerializer.Serialize(cancelled, Json));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return cancelled;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VideoJob>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(create: false, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return [];
        }

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT document FROM video_jobs WHERE status NOT IN ({string.Join(", ", Finished.Select(status => $"'{status}'"))}) ORDER BY created_at";
        var jobs = new List<VideoJob>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            jobs.Add(Read(reader.GetString(0)));
        }

        return jobs;
    }

    private static VideoJob Read(string document) =>
        JsonSerializer.Deserialize<VideoJob>(document, Json) ?? throw new InvalidDataException("a stored video job is null.");

    /// <summary>An open connection; null when the database does not exist yet and <paramref name="create"/> is false.</summary>
    private async Task<SqliteConnection?> OpenAsync(bool create, CancellationToken cancellationToken)
    {
        if (!_schemaReady && !create && !File.Exists(_path))
        {
            return null;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            if (!_schemaReady)
            {
                await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    if (!_schemaReady)
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                        await using var schema = connection.CreateCommand();
                        schema.CommandText = """
                            PRAGMA journal_mode = WAL;
                            CREATE TABLE IF NOT EXISTS video_jobs (
                                id TEXT PRIMARY KEY,
                                idempotency_key TEXT UNIQUE,
                                status TEXT NOT NULL,
                                created_at TEXT NOT NULL,
                                updated_at TEXT NOT NULL,
                                document TEXT NOT NULL);
                            CREATE INDEX IF NOT EXISTS video_jobs_status ON video_jobs (status);
                            """;
                        await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        _schemaReady = true;
                        return connection;
                    }
                }
                finally
                {
                    _schemaGate.Release();
                }
            }

            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
