using System.Text;
using System.Text.Json.Nodes;
using Vpo.Inference.Video;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Video;

public sealed class CogPredictionsClientTests
{
    private static CogPredictionsClient Client(CogPredictionsServerDouble server, TimeSpan? maxWait = null, JsonObject? defaults = null) => new(new CogPredictionsOptions
    {
        BaseUrl = server.BaseUrl,
        PollInterval = TimeSpan.FromMilliseconds(10),
        MaxWait = maxWait ?? TimeSpan.FromSeconds(10),
        DefaultInput = defaults,
        Http = TestSettings.FastHttp(),
    });

    [Fact]
    public async Task A_cog_container_answers_synchronously_with_a_data_uri()
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        using var client = Client(server, defaults: new JsonObject { ["num_frames"] = 49, ["prompt"] = "overridden" });

        var video = await client.GenerateAsync(new VideoRequest("A red fox in the snow.", new JsonObject { ["seed"] = 7 }), CancellationToken.None);

        Assert.StartsWith("data:video/mp4;base64,", video.Output, StringComparison.Ordinal);
        Assert.Equal("VIDEO:A red fox in the snow.", Encoding.UTF8.GetString(VideoDownloader.DecodeDataUri(video.Output)));
        var input = Assert.Single(server.Inputs);
        Assert.Equal(49, input["num_frames"]!.GetValue<int>());
        Assert.Equal(7, input["seed"]!.GetValue<int>());
        Assert.Equal("A red fox in the snow.", input["prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replicate_style_prediction_is_polled_until_it_succeeds()
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        server.Asynchronous = true;
        server.PollsBeforeDone = 3;
        server.FailCreate(ServerFault.TooManyRequests(retryAfterSeconds: 0));
        server.FailCreate(ServerFault.ServerError);
        using var client = Client(server);

        var video = await client.GenerateAsync(new VideoRequest("A boat at dusk."), CancellationToken.None);

        Assert.StartsWith(server.BaseUrl.AbsoluteUri + "files/", video.Output, StringComparison.Ordinal);
        Assert.Equal(3, server.Creates);
        Assert.NotNull(video.PredictionId);
    }

    [Fact]
    public async Task A_busy_cog_container_is_waited_for_rather_than_failed()
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        server.FailCreate(new ServerFault(409, "{\"detail\":\"Already running a prediction\"}"), 3);
        using var client = Client(server);

        var video = await client.GenerateAsync(new VideoRequest("A kite over a beach."), CancellationToken.None);

        Assert.StartsWith("data:video/mp4;base64,", video.Output, StringComparison.Ordinal);
        Assert.Equal(4, server.Creates);
    }

    [Fact]
    public async Task A_failed_prediction_reports_its_status_and_error()
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        server.Fails = prompt => prompt.Contains("boom", StringComparison.Ordinal);
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<VideoGenerationException>(() => client.GenerateAsync(new VideoRequest("boom"), CancellationToken.None));

        Assert.Contains("'failed'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA out of memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prediction_running_past_the_wait_limit_is_canceled()
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        server.Asynchronous = true;
        server.NeverFinishes = _ => true;
        using var client = Client(server, maxWait: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<VideoGenerationException>(() => client.GenerateAsync(new VideoRequest("slow"), CancellationToken.None));

        Assert.Contains("canceled", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.PredictionId, Assert.Single(server.Canceled));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"id\":\"x\"}")]
    [InlineData("{\"id\":\"x\",\"status\":\"succeeded\",\"output\":{\"video\":42}}")]
    public async Task An_answer_that_is_not_a_usable_prediction_is_an_error_not_a_crash(string body)
    {
        await using var server = await CogPredictionsServerDouble.StartAsync();
        server.FailCreate(ServerFault.Garbage(body));
        using var client = Client(server);

        await Assert.ThrowsAsync<VideoGenerationException>(() => client.GenerateAsync(new VideoRequest("x"), CancellationToken.None));
    }
}
