using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Vpo.Inference.Generation;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Inference.Tests.Video.Jobs;

public sealed class SqliteVideoJobStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vpo-store-" + Guid.NewGuid().ToString("N"));

    private static VideoJob Job(string? key = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Backend = "cog",
        Query = "a red fox -ar 16:9",
        Settings = new VideoSettings(AspectRatio: "16:9", Seed: 7),
        Sampling = new SamplingOptions(0.7, 1.0, 64, 3),
        IdempotencyKey = key,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task Nothing_is_written_until_the_first_job()
    {
        var store = new SqliteVideoJobStore(_folder, TimeProvider.System);

        Assert.Empty(await store.ListUnfinishedAsync(TestContext.Current.CancellationToken));
        Assert.Null(await store.GetAsync(Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken));
        Assert.Null(await store.CancelAsync(Guid.NewGuid().ToString("N"), TestContext.Current.CancellationToken));
        Assert.False(File.Exists(store.DatabasePath));
    }

    [Fact]
    public async Task A_job_round_trips_and_survives_a_new_store_on_the_same_folder()
    {
        var job = Job() with { Status = VideoJobStatus.Generating, Prompt = "A fox.", BackendRequest = new JsonObject { ["input"] = new JsonObject { ["seed"] = 7 } } };
        await new SqliteVideoJobStore(_folder, TimeProvider.System).CreateAsync(job, TestContext.Current.CancellationToken);

        var reopened = new SqliteVideoJobStore(_folder, TimeProvider.System);
        var read = await reopened.GetAsync(job.Id, TestContext.Current.CancellationToken);
        var unfinished = await reopened.ListUnfinishedAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(read);
        Assert.Equal(VideoJobStatus.Generating, read.Status);
        Assert.Equal(job.Settings, read.Settings);
        Assert.Equal(job.Sampling, read.Sampling);
        Assert.Equal(7, read.BackendRequest!["input"]!["seed"]!.GetValue<int>());
        Assert.Equal(job.Id, Assert.Single(unfinished).Id);
    }

    [Fact]
    public async Task A_second_job_with_the_same_idempotency_key_answers_the_first()
    {
        var store = new SqliteVideoJobStore(_folder, TimeProvider.System);
        var first = Job("key-1");

        var (stored, created) = await store.CreateAsync(first, TestContext.Current.CancellationToken);
        var (again, createdAgain) = await store.CreateAsync(Job("key-1"), TestContext.Current.CancellationToken);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(stored.Id, again.Id);
    }

    [Fact]
    public async Task A_cancelled_job_is_not_overwritten_by_a_late_update()
    {
        var store = new SqliteVideoJobStore(_folder, TimeProvider.System);
        var job = Job();
        await store.CreateAsync(job, TestContext.Current.CancellationToken);

        var cancelled = await store.CancelAsync(job.Id, TestContext.Current.CancellationToken);
        var written = await store.UpdateAsync(job with { Status = VideoJobStatus.Succeeded }, TestContext.Current.CancellationToken);

        Assert.Equal(VideoJobStatus.Cancelled, cancelled!.Status);
        Assert.False(written);
        Assert.Equal(VideoJobStatus.Cancelled, (await store.GetAsync(job.Id, TestContext.Current.CancellationToken))!.Status);
        Assert.Empty(await store.ListUnfinishedAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
