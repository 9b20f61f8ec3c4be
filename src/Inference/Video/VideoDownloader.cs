using Vpo.Inference.Http;

namespace Vpo.Inference.Video;

/// <summary>Saves a backend's video output (an http(s) URL or a <c>data:</c> URI) to a file, atomically.</summary>
public sealed class VideoDownloader(HttpClient http) : IDisposable
{
    /// <summary>A downloader with its own resilient client.</summary>
    public VideoDownloader(ResilientHttpOptions options)
        : this(ResilientHttpHandler.CreateClient(options))
    {
    }

    /// <summary>Writes the video to <paramref name="path"/> (through a temporary file, so a half video never appears); returns its size.</summary>
    /// <exception cref="VideoGenerationException">The download failed or the data URI is not base64.</exception>
    public async Task<long> SaveAsync(string output, string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var partial = path + ".partial";
        try
        {
            if (output.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            {
                await File.WriteAllBytesAsync(partial, DecodeDataUri(output), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var response = await http.GetAsync(output, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new VideoGenerationException($"downloading {output} answered {(int)response.StatusCode} {response.StatusCode}.");
                }

                await using var file = File.Create(partial);
                await response.Content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        catch (HttpRequestException ex)
        {
            throw new VideoGenerationException($"downloading {output} failed: {ex.Message}", null, ex);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The bytes of a base64 <c>data:</c> URI.</summary>
    /// <exception cref="VideoGenerationException">The URI is not base64 data.</exception>
    public static byte[] DecodeDataUri(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var comma = uri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !uri.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new VideoGenerationException("the video data URI is not base64 (expected data:<type>;base64,<data>).");
        }

        try
        {
            return Convert.FromBase64String(uri[(comma + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new VideoGenerationException("the video data URI holds invalid base64.", null, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
