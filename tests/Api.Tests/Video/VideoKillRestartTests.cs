using System.Net;
using System.Text.Json;
using Vpo.Api.Tests.Video.Doubles;

namespace Vpo.Api.Tests.Video;

/// <summary>
/// The service runs as a child process and is killed with SIGKILL in the middle of a job (no graceful shutdown: the
/// way a node failure or the OOM killer ends it); a new process on the same data folder finishes the job with
/// nothing lost and no second video at the backend.
/// </summary>
public sealed class VideoKillRestartTests
{
    [Fact]
    public async Task A_cog_job_killed_mid_render_completes_after_a_restart_with_one_prediction()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.Hold = true;
        var settings = Settings(data, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        JsonElement before;
        await using (var first = await TinyModelServiceProcess.StartReadyAsync(settings))
        {
            var id = (await first.Client.CreateJobAsync(VideoServices.Body("a fox crossing a frozen river"))).Id();
            await TestService.WaitUntilAsync(() => cog.Creations == 1, "the double holds the prediction's render");
            before = await first.Client.GetJobAsync(id);
            first.Kill();
        }

        await using var second = await TinyModelServiceProcess.StartReadyAsync(settings);
        await TestService.WaitUntilAsync(() => cog.Requests == 2, "the restarted service re-attached to the prediction");
        cog.Release();
        var job = await second.Client.WaitForJobAsync(before.Id());

        Assert.Equal("generating", before.Status());
        Assert.True(job.Status() == "succeeded", $"{job}\n{second.Output}");
        Assert.Equal(1, cog.Creations);
        AssertSurvived(before, job);
        Assert.Equal(before.Id(), job.GetProperty("backend_job_id").GetString());
        Assert.Equal(job.GetProperty("prompt").GetString(), cog.Inputs.Single()["prompt"]!.GetValue<string>());
        Assert.Equal(CogPredictionsServerDouble.VideoFor(job.GetProperty("prompt").GetString()!), await ContentAsync(second, job.Id()));
    }

    [Fact]
    public async Task An_openai_job_killed_while_its_video_renders_is_polled_after_a_restart_without_a_second_submission()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        openAi.Hold = true;
        var settings = Settings(data, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl, "ApiKey=" + openAi.ApiKey));
        JsonElement before;
        int pollsBeforeKill;
        await using (var first = await TinyModelServiceProcess.StartReadyAsync(settings))
        {
            var id = (await first.Client.CreateJobAsync(VideoServices.Body("a train crossing the desert at dusk"))).Id();
            before = await first.Client.WaitForJobAsync(id, job => job.TryGetProperty("backend_job_id", out _));
            await TestService.WaitUntilAsync(() => openAi.Polls > 0, "the service polls the held video");
            first.Kill();
            pollsBeforeKill = openAi.Polls;
        }

        await using var second = await TinyModelServiceProcess.StartReadyAsync(settings);
        await TestService.WaitUntilAsync(() => openAi.Polls > pollsBeforeKill, "the restarted service polled the stored video id");
        openAi.Hold = false;
        var job = await second.Client.WaitForJobAsync(before.Id());

        Assert.Equal("generating", before.Status());
        Assert.True(job.Status() == "succeeded", $"{job}\n{second.Output}");
        Assert.Equal(1, openAi.Creations);
        Assert.Equal(1, openAi.Posts);
        AssertSurvived(before, job);
        Assert.Equal("video_0001", job.GetProperty("backend_job_id").GetString());
        Assert.Equal(job.GetProperty("prompt").GetString(), openAi.Forms.Single()["prompt"]);
        Assert.Equal(OpenAiVideosServerDouble.VideoFor(job.GetProperty("prompt").GetString()!), await ContentAsync(second, job.Id()));
    }

    [Fact]
    public async Task An_openai_job_killed_before_its_submission_was_answered_is_resubmitted_under_the_same_idempotency_key()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        // The backend creates the video, then takes its time answering: the service dies in between.
        openAi.CreateAnswerDelay = TimeSpan.FromSeconds(30);
        var settings = Settings(data, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl, "ApiKey=" + openAi.ApiKey));
        JsonElement before;
        await using (var first = await TinyModelServiceProcess.StartReadyAsync(settings))
        {
            var id = (await first.Client.CreateJobAsync(VideoServices.Body("a balloon drifting over the sea"))).Id();
            await TestService.WaitUntilAsync(() => openAi.Creations == 1, "the double created the video and holds its answer");
            before = await first.Client.GetJobAsync(id);
            first.Kill();
        }

        openAi.CreateAnswerDelay = TimeSpan.Zero;
        await using var second = await TinyModelServiceProcess.StartReadyAsync(settings);
        var job = await second.Client.WaitForJobAsync(before.Id());

        Assert.Equal("generating", before.Status());
        Assert.False(before.TryGetProperty("backend_job_id", out var unacknowledged) && unacknowledged.ValueKind == JsonValueKind.String,
            $"the submission was acknowledged before the kill: {before}");
        Assert.True(job.Status() == "succeeded", $"{job}\n{second.Output}");
        Assert.Equal(2, openAi.Posts);
        Assert.Equal(1, openAi.Creations);
        Assert.Equal(before.GetProperty("prompt").GetString(), job.GetProperty("prompt").GetString());
        Assert.Equal("video_0001", job.GetProperty("backend_job_id").GetString());
        Assert.Equal(OpenAiVideosServerDouble.VideoFor(job.GetProperty("prompt").GetString()!), await ContentAsync(second, job.Id()));
    }

    [Fact]
    public async Task A_job_killed_while_optimizing_is_optimized_again_after_a_restart_and_submitted_once()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        var settings = Settings(data, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        // A long optimization (2,048 tokens after the longest batching window) keeps the job in `optimizing` long
        // enough to kill the service there.
        var body = VideoServices.Body("a lighthouse in a storm");
        body["optimizer"] = new { max_new_tokens = 2048, min_new_tokens = 2048, temperature = 0 };
        JsonElement before;
        await using (var first = await TinyModelServiceProcess.StartReadyAsync([.. settings, "Inference:BatchWindow=00:00:01"]))
        {
            var id = (await first.Client.CreateJobAsync(body)).Id();
            before = await first.Client.WaitForJobAsync(id, job => job.Status() != "queued");
            first.Kill();
        }

        var requestsAtKill = cog.Requests;
        await using var second = await TinyModelServiceProcess.StartReadyAsync(settings);
        var job = await second.Client.WaitForJobAsync(before.Id());

        Assert.Equal("optimizing", before.Status());
        Assert.Equal(0, requestsAtKill);
        Assert.True(job.Status() == "succeeded", $"{job}\n{second.Output}");
        Assert.Equal(1, cog.Creations);
        Assert.Equal(before.GetProperty("query").GetString(), job.GetProperty("query").GetString());
        var prompt = job.GetProperty("prompt").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(prompt));
        Assert.Equal(prompt, cog.Inputs.Single()["prompt"]!.GetValue<string>());
        Assert.Equal(CogPredictionsServerDouble.VideoFor(prompt), await ContentAsync(second, job.Id()));
    }

    private static string[] Settings(DataFolder data, string[] backend) =>
        [$"Videos:DataFolder={data.Path}", "Videos:MaxStepFailures=3", .. backend];

    /// <summary>What the job had before the kill is what it has after: id, query, settings, prompt, backend request and id.</summary>
    private static void AssertSurvived(JsonElement before, JsonElement after)
    {
        foreach (var field in new[] { "id", "backend", "query", "parameters", "prompt", "backend_request", "backend_job_id", "created_at" })
        {
            Assert.True(before.TryGetProperty(field, out var was), $"the job had no {field} before the kill: {before}");
            Assert.Equal(was.ToString(), after.GetProperty(field).ToString());
        }

        Assert.False(string.IsNullOrWhiteSpace(before.GetProperty("prompt").GetString()));
    }

    private static async Task<byte[]> ContentAsync(ServiceProcess service, string id)
    {
        using var response = await service.Client.GetAsync($"/videos/{id}/content", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
    }
}
