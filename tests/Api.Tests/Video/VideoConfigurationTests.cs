using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpo.Inference.Video.Backends;

namespace Vpo.Api.Tests.Video;

public sealed class VideoConfigurationTests
{
    private static Task<Exception> StartFailureAsync(params string[] settings) =>
        Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = TestService.Build(settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

    [Theory]
    [InlineData("Videos:Backends:0:BaseUrl", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=ftp://example.org/")]
    [InlineData("Videos:Backends:0:Name", "Videos:Backends:0:Name=bad name!", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/")]
    [InlineData("Videos:Backends:1:Name", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:1:Name=COG", "Videos:Backends:1:BaseUrl=http://127.0.0.1:9/")]
    [InlineData("Videos:Backends:0:Http:MaxRetries", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:0:Http:MaxRetries=99")]
    [InlineData("Videos:Backends:0:Http:CircuitBreaker:BreakDuration", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:0:Http:CircuitBreaker:BreakDuration=00:00:00.100")]
    [InlineData("Videos:Backends:0:Http:TotalTimeout", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:0:Http:TotalTimeout=00:00:01")]
    [InlineData("Videos:Backends:0:MaxPollInterval", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:0:PollInterval=00:01:00", "Videos:Backends:0:MaxPollInterval=00:00:01")]
    [InlineData("Videos:Backends:0:InputNames:steps", "Videos:Backends:0:Name=cog", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/", "Videos:Backends:0:InputNames:steps=num_inference_steps")]
    [InlineData("Videos:Backends:0:Sizes:1", "Videos:Backends:0:Name=sora", "Videos:Backends:0:Protocol=OpenAiVideos", "Videos:Backends:0:BaseUrl=http://127.0.0.1:9/v1", "Videos:Backends:0:Sizes:0=16:9=1280x720", "Videos:Backends:0:Sizes:1=16:9=big")]
    [InlineData("Videos:MaxConcurrentJobs", "Videos:MaxConcurrentJobs=0")]
    public async Task A_bad_video_setting_stops_start_up_naming_the_key(string key, params string[] settings)
    {
        var error = await StartFailureAsync(settings);

        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backends_bind_from_configuration_with_their_limits()
    {
        await using var app = TestService.Build(
            "Videos:Backends:0:Name=cogvideox", "Videos:Backends:0:BaseUrl=http://cogvideox:5000", "Videos:Backends:0:Http:MaxRetries=2",
            "Videos:Backends:0:Http:CircuitBreaker:MinimumThroughput=4", "Videos:Backends:0:DefaultInput:num_inference_steps=50",
            "Videos:Backends:1:Name=sora", "Videos:Backends:1:Protocol=openaivideos", "Videos:Backends:1:BaseUrl=https://api.openai.com/v1",
            "Videos:Backends:1:ApiKey=sk-secret", "Videos:Backends:1:Seconds:0=4", "Videos:Backends:1:Sizes:0=1:1=1024x1024");

        var options = app.Services.GetRequiredService<IOptions<VideosOptions>>().Value;

        Assert.Equal(2, options.Backends.Count);
        Assert.Equal(VideoBackendProtocol.CogPredictions, options.Backends[0].Protocol);
        Assert.Equal(2, options.Backends[0].Http.MaxRetries);
        Assert.Equal(4, options.Backends[0].Http.CircuitBreaker!.MinimumThroughput);
        Assert.Equal(TimeSpan.FromMinutes(30), options.Backends[0].Http.AttemptTimeout);
        Assert.Equal("50", options.Backends[0].DefaultInput["num_inference_steps"]);
        Assert.Equal(VideoBackendProtocol.OpenAiVideos, options.Backends[1].Protocol);
        Assert.Equal([4], options.Backends[1].Seconds!);
        Assert.Equal("1024x1024", options.Backends[1].SizesByRatio()["1:1"]);
        Assert.True(Path.IsPathRooted(options.DataFolder));
    }
}
