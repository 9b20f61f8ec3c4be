namespace Vpo.Api.Tests.Deployment;

/// <summary>A fresh folder under the system temp folder, deleted with everything in it on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vpo-deploy-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes an executable script at <paramref name="relativePath"/> (forward slashes) inside the folder.</summary>
    public async Task<string> WriteScriptAsync(string relativePath, string text)
    {
        var path = System.IO.Path.Combine([Path, .. relativePath.Split('/')]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
