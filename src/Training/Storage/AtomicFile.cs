namespace Vpo.Training.Storage;

/// <summary>
/// Writes files and folders so a reader sees either the old content or the complete new content, never a
/// half-written one: everything goes to a temporary name beside the target and is then moved over it.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes text atomically.</summary>
    public static async Task WriteAllTextAsync(string path, string contents, CancellationToken cancellationToken = default)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            await File.WriteAllTextAsync(temporary, contents, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then moves it to <paramref name="path"/>.</summary>
    public static void Write(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temporary = TemporaryPathFor(path);
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Lets <paramref name="fill"/> populate a temporary folder, then renames it to <paramref name="path"/>,
    /// replacing an existing folder of that name. A crash leaves only a hidden temporary folder behind.
    /// </summary>
    public static async Task WriteDirectoryAsync(string path, Func<string, Task> fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            await fill(temporary).ConfigureAwait(false);
            if (Directory.Exists(full))
            {
                // Renaming over a folder is not possible, so the old one is moved aside first and removed after.
                var old = Path.Combine(parent, $".{Path.GetFileName(full)}.old-{Guid.NewGuid():N}");
                Directory.Move(full, old);
                Directory.Move(temporary, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temporary, full);
            }
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    private static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // The extension is kept because some writers (image encoders) choose the format from it.
        return Path.Combine(directory, $".{Path.GetFileNameWithoutExtension(full)}.tmp-{Guid.NewGuid():N}{Path.GetExtension(full)}");
    }
}
