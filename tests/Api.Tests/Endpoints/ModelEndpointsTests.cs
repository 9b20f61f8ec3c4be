using System.Text.Json;

namespace Vpo.Api.Tests.Endpoints;

public sealed class ModelEndpointsTests(SharedService shared) : IClassFixture<SharedService>
{
    [Fact]
    public async Task The_served_model_is_listed_with_its_context_provider_and_readiness()
    {
        var text = await shared.Service.Client.GetStringAsync("/v1/models", TestContext.Current.CancellationToken);

        using var list = JsonDocument.Parse(text);
        Assert.Equal("list", list.RootElement.GetProperty("object").GetString());
        var model = Assert.Single(list.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("tiny-llama", model.GetProperty("id").GetString());
        Assert.Equal("model", model.GetProperty("object").GetString());
        Assert.Equal(4096, model.GetProperty("context_length").GetInt32());
        Assert.Equal("cpu", model.GetProperty("provider").GetString());
        Assert.True(model.GetProperty("ready").GetBoolean());
    }
}
