namespace Vpo.Training.Tests.Construction;

/// <summary>A fresh temporary folder per test, deleted afterwards.</summary>
public sealed class TestFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TestFolder() => Directory.CreateDirectory(Path);

    /// <summary>The folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vpo-construction-" + Guid.NewGuid().ToString("N"));

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing server; the OS cleans temp.
        }
    }
}
