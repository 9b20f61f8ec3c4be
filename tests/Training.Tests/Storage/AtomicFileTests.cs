using Vpo.Training.Storage;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Storage;

public sealed class AtomicFileTests
{
    [Fact]
    public async Task A_folder_whose_writing_fails_never_appears()
    {
        using var folder = new TemporaryDirectory();
        var target = folder.Combine("checkpoint-0000001");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteDirectoryAsync(target, async temporary =>
        {
            await File.WriteAllTextAsync(Path.Combine(temporary, "half.bin"), "partial", TestContext.Current.CancellationToken);
            throw new InvalidOperationException("disk full");
        }));

        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task Rewriting_a_folder_replaces_its_content_whole()
    {
        using var folder = new TemporaryDirectory();
        var target = folder.Combine("model");
        await AtomicFile.WriteDirectoryAsync(target, t => File.WriteAllTextAsync(Path.Combine(t, "old.txt"), "1", TestContext.Current.CancellationToken));
        await AtomicFile.WriteDirectoryAsync(target, t => File.WriteAllTextAsync(Path.Combine(t, "new.txt"), "2", TestContext.Current.CancellationToken));

        Assert.Equal(["new.txt"], Directory.EnumerateFiles(target).Select(Path.GetFileName));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_failed_text_write_keeps_the_old_file()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("metrics.json");
        await AtomicFile.WriteAllTextAsync(path, "old", TestContext.Current.CancellationToken);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAllTextAsync(path, "new", cancelled.Token));

        Assert.Equal("old", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.Single(Directory.EnumerateFiles(folder.Path));
    }
}
