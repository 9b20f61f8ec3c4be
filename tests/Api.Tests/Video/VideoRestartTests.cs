using Vpo.Api.Tests.Video.Doubles;

namespace Vpo.Api.Tests.Video;

/// <summary>
/// The service stops while jobs are in flight and a new one starts on the same data folder: every job completes and
/// the backend sees one video per job.
/// </summary>
public sealed class VideoRestartTests
{
    [Fact]
    public async Task A_cog_job_stopped_mid_submission_completes_after_a_restart_with_one_prediction()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.Hold = true;
        var settings = VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl);
        string id;
        await using (var first = await VideoServices.StartAsync(data.Path, settings))
        {
            id = (await first.CreateJobAsync(VideoServices.Body("a fox crossing a frozen river"))).Id();
            await TestService.WaitUntilAsync(() => cog.Creations == 1, "the prediction started");
            Assert.Equal("generating", (await first.GetJobAsync(id)).Status());
        }

        await using var second = await VideoServices.StartAsync(data.Path, settings);
        var resumed = await second.GetJobAsync(id);
        await TestService.WaitUntilAsync(() => cog.Requests == 2, "the restarted service re-attached to the prediction");
        cog.Release();
        var job = await second.WaitForJobAsync(id);

        Assert.Equal("generating", resumed.Status());
        Assert.Equal("succeeded", job.Status());
        Assert.Equal(1, cog.Creations);
        Assert.Equal(CogPredictionsServerDouble.VideoFor(job.GetProperty("prompt").GetString()!),
            await second.Client.GetByteArrayAsync(job.GetProperty("result").GetProperty("file").GetString(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Openai_jobs_stopped_while_polling_and_mid_submission_complete_after_a_restart_with_one_video_each()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        openAi.Hold = true;
        var settings = VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl, "ApiKey=" + openAi.ApiKey);
        string polling, submitting;
        await using (var first = await VideoServices.StartAsync(data.Path, settings))
        {
            polling = (await first.CreateJobAsync(VideoServices.Body("a train in the desert"))).Id();
            await first.WaitForJobAsync(polling, job => job.TryGetProperty("backend_job_id", out _));
            // The next submission creates its video but the service stops before the answer arrives.
            openAi.CreateAnswerDelay = TimeSpan.FromSeconds(30);
            submitting = (await first.CreateJobAsync(VideoServices.Body("a balloon over the sea"))).Id();
            await TestService.WaitUntilAsync(() => openAi.Creations == 2, "the second video was created");
        }

        openAi.CreateAnswerDelay = TimeSpan.Zero;
        await using var second = await VideoServices.StartAsync(data.Path, settings);
        openAi.Hold = false;
        var polled = await second.WaitForJobAsync(polling);
        var other = await second.WaitForJobAsync(submitting);

        Assert.Equal("succeeded", polled.Status());
        Assert.Equal("succeeded", other.Status());
        Assert.Equal(2, openAi.Creations);
        Assert.Equal(3, openAi.Posts);
        Assert.Equal("video_0001", polled.GetProperty("backend_job_id").GetString());
        Assert.Equal("video_0002", other.GetProperty("backend_job_id").GetString());
    }
}
