using Vpo.Inference.Video.Backends;

namespace Vpo.Inference.Tests.Video.Backends;

public sealed class OpenAiVideosBackendTests
{
    private static OpenAiVideosBackend Backend(params string[] sizes) =>
        new(new VideoBackendOptions { Name = "sora", Protocol = VideoBackendProtocol.OpenAiVideos, BaseUrl = new Uri("http://127.0.0.1:9/v1"), Sizes = [.. sizes] },
            new HttpClient());

    [Fact]
    public void Settings_map_to_model_prompt_seconds_and_size_and_the_rest_is_not_sent()
    {
        var fields = Backend().Fields(new VideoParameters("A fox.", "blurry", "16:9", 24, 7, 6, 49, 8));

        Assert.Equal(["model", "prompt", "seconds", "size"], fields.Select(field => field.Key).Order());
        Assert.Equal("sora-2", fields["model"]!.GetValue<string>());
        Assert.Equal("8", fields["seconds"]!.GetValue<string>());
        Assert.Equal("1280x720", fields["size"]!.GetValue<string>());
    }

    [Fact]
    public void Ratios_and_lengths_the_backend_does_not_render_are_named_with_what_it_takes()
    {
        var errors = Backend("1:1=1024x1024").Check(new VideoParameters("A fox.", AspectRatio: "16:9", Seconds: 5));

        Assert.Contains("1:1", errors["aspect_ratio"], StringComparison.Ordinal);
        Assert.Contains("4, 8, 12", errors["seconds"], StringComparison.Ordinal);
        Assert.Empty(Backend("1:1=1024x1024").Check(new VideoParameters("A fox.", AspectRatio: "1:1", Seconds: 4)));
    }
}
