using System.Net;
using System.Text.Json;
using Vpo.Api.Tests.Video;
using Vpo.Api.Tests.Video.Doubles;

namespace Vpo.Api.Tests.Endpoints;

public sealed class VideoEndpointsTests
{
    [Fact]
    public async Task A_cog_job_renders_the_optimized_prompt_with_options_over_query_flags_and_stores_the_video()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cogvideox", "CogPredictions", cog.BaseUrl,
            "DefaultInput:num_inference_steps=50", "InputNames:aspect_ratio="));

        using var response = await service.PostAsync(VideoServices.Body(
            "a red fox in fresh snow -ar 16:9 -neg blurry, text -seed 7 -fps 12", options: new { fps = 8, num_frames = 49 }));
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/videos/{created.Id()}", response.Headers.Location?.OriginalString);
        Assert.Matches("^[0-9a-f]{32}$", created.Id());

        var job = await service.WaitForJobAsync(created.Id());

        Assert.Equal("succeeded", job.Status());
        var prompt = job.GetProperty("prompt").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(prompt));
        var input = Assert.Single(cog.Inputs);
        Assert.Equal(prompt, input["prompt"]!.GetValue<string>());
        Assert.Equal("blurry, text", input["negative_prompt"]!.GetValue<string>());
        Assert.Equal(7UL, input["seed"]!.GetValue<ulong>());
        Assert.Equal(8, input["fps"]!.GetValue<int>());
        Assert.Equal(49, input["num_frames"]!.GetValue<int>());
        Assert.Equal(50, input["num_inference_steps"]!.GetValue<long>());
        Assert.False(input.ContainsKey("aspect_ratio"));
        Assert.Equal("16:9", job.GetProperty("parameters").GetProperty("aspect_ratio").GetString());
        Assert.Equal(created.Id(), job.GetProperty("backend_job_id").GetString());
        Assert.Equal(prompt, job.GetProperty("backend_request").GetProperty("input").GetProperty("prompt").GetString());

        var file = job.GetProperty("result").GetProperty("file").GetString()!;
        var video = await service.Client.GetByteArrayAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal(CogPredictionsServerDouble.VideoFor(prompt), video);
        Assert.Equal(video.Length, job.GetProperty("result").GetProperty("bytes").GetInt64());
        var metrics = await service.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("vpo_videos_jobs_finished_total{", StringComparison.Ordinal) &&
            line.Contains("status=\"succeeded\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_openai_job_sends_model_prompt_seconds_and_size_with_the_key_and_downloads_the_content()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl,
            "ApiKey=" + openAi.ApiKey, "Model=sora-2-pro"));

        var created = await service.CreateJobAsync(VideoServices.Body("a paper boat on a rainy street -ar 9:16 -seed 3", "sora", new { seconds = 8 }));
        var job = await service.WaitForJobAsync(created.Id());

        Assert.Equal("succeeded", job.Status());
        var form = Assert.Single(openAi.Forms);
        Assert.Equal("sora-2-pro", form["model"]);
        Assert.Equal(job.GetProperty("prompt").GetString(), form["prompt"]);
        Assert.Equal("8", form["seconds"]);
        Assert.Equal("720x1280", form["size"]);
        Assert.False(form.ContainsKey("seed"));
        Assert.Equal("video_0001", job.GetProperty("backend_job_id").GetString());
        var video = await service.Client.GetByteArrayAsync(job.GetProperty("result").GetProperty("file").GetString(), TestContext.Current.CancellationToken);
        Assert.Equal(OpenAiVideosServerDouble.VideoFor(form["prompt"]), video);

        var backends = await service.GetJsonAsync("/videos/backends");
        var backend = Assert.Single(backends.GetProperty("data").EnumerateArray());
        Assert.Equal("openai_videos", backend.GetProperty("protocol").GetString());
        Assert.Equal("closed", backend.GetProperty("circuit").GetString());
        Assert.True(backend.GetProperty("healthy").GetBoolean());
        Assert.DoesNotContain(openAi.ApiKey, backends.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_the_backend_fails_fails_the_job_with_the_backends_reason()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl, "ApiKey=" + openAi.ApiKey));

        openAi.Fails = form => form.GetValueOrDefault("seconds") == "12";
        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a kite over a beach", options: new { seconds = 12 }))).Id());

        Assert.Equal("failed", job.Status());
        Assert.Contains("backend 'sora' failed the video: The prompt was blocked.", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(job.TryGetProperty("result", out _));
    }

    [Fact]
    public async Task A_backend_that_refuses_the_key_fails_the_job_naming_the_backend_and_the_status()
    {
        using var data = new DataFolder();
        await using var openAi = await OpenAiVideosServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "sora", "OpenAiVideos", openAi.BaseUrl, "ApiKey=wrong-key"));

        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a kite over a beach"))).Id());

        Assert.Equal("failed", job.Status());
        Assert.Contains("backend 'sora'", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("401", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, openAi.Posts);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_same_job_without_a_second_submission()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        var body = VideoServices.Body("a lighthouse in a storm");

        var first = await service.CreateJobAsync(body, "order-1234");
        using var again = await service.PostAsync(body, "order-1234");
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        await service.WaitForJobAsync(first.Id());
        using var afterwards = await service.PostAsync(body, "order-1234");
        using var otherBody = await service.PostAsync(VideoServices.Body("a lighthouse in calm weather"), "order-1234");

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(first.Id(), second.Id());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.Equal(1, cog.Creations);
        Assert.Equal((HttpStatusCode)422, otherBody.StatusCode);
        var problem = JsonDocument.Parse(await otherBody.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Contains(first.Id(), problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_generating_job_cancels_it_here_and_at_the_backend()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        cog.Hold = true;
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        var id = (await service.CreateJobAsync(VideoServices.Body("a slow sunrise over mountains"))).Id();
        await TestService.WaitUntilAsync(() => cog.Creations == 1, "the prediction started");

        using var deleted = await service.Client.DeleteAsync($"/videos/{id}", TestContext.Current.CancellationToken);
        var job = await service.WaitForJobAsync(id);
        await TestService.WaitUntilAsync(() => cog.Cancelled.Contains(id), "the backend was asked to cancel");
        using var again = await service.Client.DeleteAsync($"/videos/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("cancelled", job.Status());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var content = await service.Client.GetAsync($"/videos/{id}/content", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, content.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_finished_job_answers_409()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        var job = await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a cat on a windowsill"))).Id());

        using var deleted = await service.Client.DeleteAsync($"/videos/{job.Id()}", TestContext.Current.CancellationToken);

        Assert.Equal("succeeded", job.Status());
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Equal("application/problem+json", deleted.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"query": "a dog", "backend": "nope"}""", "backend", "cog, sora")]
    [InlineData("""{"query": "a dog", "options": {"fps": 0}}""", "options.fps", "1 to 240")]
    [InlineData("""{"query": "a dog", "options": {"aspect_ratio": "wide"}}""", "options.aspect_ratio", "width:height")]
    [InlineData("""{"query": "a dog -fps 1000"}""", "query", "-fps")]
    [InlineData("""{"query": "a dog", "backend": "sora", "options": {"aspect_ratio": "4:3"}}""", "options.aspect_ratio", "16:9")]
    [InlineData("""{"query": "a dog", "backend": "sora", "options": {"seconds": 5}}""", "options.seconds", "4, 8, 12")]
    [InlineData("""{"query": "a dog -ar 4:3", "backend": "sora"}""", "query", "4:3")]
    [InlineData("""{"query": "  "}""", "query", "empty")]
    [InlineData("""{"query": "a dog", "optimizer": {"top_p": 3}}""", "optimizer.top_p", "top_p")]
    [InlineData("""{"query": "a dog", "options": {"frames": 3}}""", "options.frames", "not a known field")]
    [InlineData("""{"query": "a dog", "options": {"fps": "fast"}}""", "options.fps", "wrong type")]
    public async Task Bad_input_gets_problem_details_naming_the_field(string json, string field, string mentions)
    {
        using var data = new DataFolder();
        await using var service = await VideoServices.StartAsync(data.Path,
            [.. VideoServices.Backend(0, "cog", "CogPredictions", new Uri("http://127.0.0.1:9/")), .. VideoServices.Backend(1, "sora", "OpenAiVideos", new Uri("http://127.0.0.1:9/v1/"))]);

        using var response = await service.Client.PostAsync("/videos", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = problem.GetProperty("errors").GetProperty(field);
        Assert.Contains(mentions, messages[0].GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "jobs.db")), "a refused request must not store a job");
    }

    [Fact]
    public async Task Unknown_and_malformed_job_ids_get_404_and_400()
    {
        using var data = new DataFolder();
        await using var cog = await CogPredictionsServerDouble.StartAsync();
        await using var service = await VideoServices.StartAsync(data.Path, VideoServices.Backend(0, "cog", "CogPredictions", cog.BaseUrl));
        await service.WaitForJobAsync((await service.CreateJobAsync(VideoServices.Body("a tree"))).Id());

        using var unknown = await service.Client.GetAsync($"/videos/{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        using var unknownDelete = await service.Client.DeleteAsync($"/videos/{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        using var malformed = await service.Client.GetAsync("/videos/not-a-job", TestContext.Current.CancellationToken);
        var problem = JsonDocument.Parse(await malformed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknownDelete.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("32 lower-case hex digits", problem.GetProperty("errors").GetProperty("id")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_backends_the_service_runs_and_video_requests_get_503_problem_details()
    {
        using var data = new DataFolder();
        await using var service = await VideoServices.StartAsync(data.Path);

        using var response = await service.PostAsync(VideoServices.Body("a dog"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var backends = await service.GetJsonAsync("/videos/backends");
        var optimized = await service.OptimizeOkAsync(new { query = "a dog", options = new { max_new_tokens = 4 } });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Videos:Backends", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, backends.GetProperty("data").GetArrayLength());
        Assert.True(optimized.TryGetProperty("prompt", out _));
        Assert.False(File.Exists(Path.Combine(data.Path, "jobs.db")));
    }
}
