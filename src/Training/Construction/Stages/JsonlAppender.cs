using System.Text;
using System.Text.Json;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Appends records to a JSONL file so that a crash never leaves half a record: each record is one
/// <c>Write</c> of a whole line followed by a flush, under a lock shared by all writers of the run. On opening, a
/// torn last line (no line break: the process died while writing it) is cut off, so the item it held is redone.
/// </summary>
public sealed class JsonlAppender : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private JsonlAppender(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    /// <summary>The file appended to.</summary>
    public string Path { get; }

    /// <summary>Opens (creating it and its folder if needed) <paramref name="path"/> for appending.</summary>
    public static async Task<JsonlAppender> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, useAsync: true);
        try
        {
            await CutTornTailAsync(stream, cancellationToken).ConfigureAwait(false);
            stream.Seek(0, SeekOrigin.End);
            return new JsonlAppender(stream, full);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Appends one record as one line and flushes it to the operating system.</summary>
    public async Task AppendAsync<T>(T record, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, StageJson.Options) + "\n");
        // A finished record is written even when the run is being cancelled (Ctrl-C): its work is done and must not be lost.
        _ = cancellationToken;
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _lock.Dispose();
    }

    private static async Task CutTornTailAsync(FileStream stream, CancellationToken cancellationToken)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return;
        }

        // Walk back to the last line break; everything after it is a torn record.
        var buffer = new byte[4096];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            stream.Seek(start, SeekOrigin.Begin);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            var newline = Array.LastIndexOf(buffer, (byte)'\n', count - 1, count);
            if (newline >= 0)
            {
                var keep = start + newline + 1;
                if (keep < length)
                {
                    stream.SetLength(keep);
                }

                return;
            }

            end = start;
        }

        stream.SetLength(0);
    }
}
