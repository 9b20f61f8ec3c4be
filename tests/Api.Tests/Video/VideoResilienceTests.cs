using Vpo.Api.Tests.Video.Doubles;

namespace Vpo.Api.Tests.Video;

public sealed class VideoResilienceTests
{
    [Fact]
    public async Task A_cog_job_succeeds_through_500_429_a_dropped_connection_a_timeout_and_malformed_json_with_one_prediction()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.Fail(ServerFault.ServerError, ServerFault.TooManyRequests(1), ServerFault.Drop, ServerFault.Slow(TimeSpan.FromSeconds(5)), ServerFault.MalformedJson);
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl,
            "Http:AttemptTimeout=00:00:00.500"));

        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a hummingbird at a flower"))).Id());

        Assert.Equal("succeeded", job.Status());
        Assert.Equal(1, cog.Creations);
        Assert.Equal(6, cog.Requests);
        // The retry after the 429 waited for its Retry-After (1 s), not the 10 ms back-off.
        var times = cog.RequestTimes;
        Assert.True(times[2] - times[1] >= TimeSpan.FromMilliseconds(900), $"the retry after 429 came {(times[2] - times[1]).TotalMilliseconds} ms later");
    }

    [Fact]
    public async Task An_openai_job_succeeds_through_faults_on_submit_and_poll_with_one_video()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl,
            "ApiKey=" + openAi.ApiKey, "Http:AttemptTimeout=00:00:00.500"));
        openAi.Hold = true;
        openAi.Fail(ServerFault.ServerError, ServerFault.Drop, ServerFault.TooManyRequests(0));
        var id = (await service.CreateJobAsync(VideoServices.Body("a glass of water on a table"))).Id();
        await TestService.WaitUntilAsync(() => openAi.Creations == 1, "the video was created");
        openAi.Fail(ServerFault.Slow(TimeSpan.FromSeconds(5)), ServerFault.MalformedJson, ServerFault.ServerError);
        openAi.Hold = false;
        var job = await service.WaitForJobAsync(id);

        Assert.Equal("succeeded", job.Status());
        Assert.Equal(1, openAi.Creations);
        Assert.Equal(4, openAi.Posts);
        Assert.Equal("video_0001", job.GetProperty("backend_job_id").GetString());
    }

    [Fact]
    public async Task A_job_fails_with_a_clear_error_once_the_retries_are_used_up()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.FailAlways = ServerFault.ServerError;
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl, "Http:MaxRetries=2"));

        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a bridge at night"))).Id());

        Assert.Equal("failed", job.Status());
        var error = job.GetProperty("error").GetString()!;
        Assert.Contains("backend 'cog'", error, StringComparison.Ordinal);
        Assert.Contains("500", error, StringComparison.Ordinal);
        Assert.Contains("3 attempts", error, StringComparison.Ordinal);
        Assert.Equal(3, cog.Requests);
        Assert.Equal(0, cog.Creations);
    }

    [Fact]
    public async Task A_render_longer_than_max_wait_fails_the_job_and_is_cancelled_at_the_backend()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.Hold = true;
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl,
            "MaxWait=00:00:00.500", "Http:AttemptTimeout=00:00:30"));

        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("an endless staircase"))).Id());

        Assert.Equal("failed", job.Status());
        Assert.Contains("MaxWait", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal([job.Id()], cog.Cancelled);
        Assert.Equal(1, cog.Creations);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_when_the_backend_recovers()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.FailAlways = ServerFault.ServerError;
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl,
            "Http:MaxRetries=1", "Http:CircuitBreaker:MinimumThroughput=2", "Http:CircuitBreaker:FailureRatio=0.5",
            "Http:CircuitBreaker:SamplingDuration=00:00:10", "Http:CircuitBreaker:BreakDuration=00:00:00.500",
            "PollInterval=00:00:00.200", "MaxPollInterval=00:00:00.400"));

        var failed = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a storm at sea"))).Id());
        var open = await service.GetJsonAsync("/videos/backends");
        var requestsWhileOpen = cog.Requests;
        cog.FailAlways = null;
        var recovered = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a calm sea"))).Id());
        var closed = await service.GetJsonAsync("/videos/backends");

        Assert.Equal("failed", failed.Status());
        var backend = open.GetProperty("data")[0];
        Assert.Equal("open", backend.GetProperty("circuit").GetString());
        Assert.False(backend.GetProperty("healthy").GetBoolean());
        Assert.StartsWith("500", backend.GetProperty("last_failure").GetProperty("outcome").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, requestsWhileOpen);
        Assert.Equal("succeeded", recovered.Status());
        Assert.Equal("closed", closed.GetProperty("data")[0].GetProperty("circuit").GetString());
        Assert.True(closed.GetProperty("data")[0].GetProperty("healthy").GetBoolean());
    }
}
