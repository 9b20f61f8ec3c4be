using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Api.Endpoints;
using Vpo.Api.Health;
using Vpo.Api.Hosting;
using Vpo.Inference;
using Vpo.Inference.Generation;

namespace Vpo.Api;

/// <summary>The VPO optimizer service: <c>POST /optimize</c>, <c>GET /v1/models</c>, health probes, Swagger and metrics.</summary>
public static class Program
{
    /// <summary>
    /// Runs the service until it is stopped; returns 1 when the configuration or the model folder is unusable or the
    /// warm-up generation failed.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        // One runtime handle per process: disposing it shuts ONNX Runtime GenAI down cleanly at exit.
        using var runtime = new OgaHandle();
        try
        {
            await using var app = BuildApp(args);
            await app.RunAsync();
            return app.Services.GetRequiredService<ModelReadiness>().WarmUpFailure is null ? 0 : 1;
        }
        catch (Exception exception) when (exception is OptionsValidationException or ModelLoadException)
        {
            await Console.Error.WriteLineAsync($"vpo: cannot start: {exception.Message}");
            return 1;
        }
    }

    /// <summary>Builds the service from <paramref name="args"/> (configuration overrides such as <c>--Inference:ModelPath=...</c>).</summary>
    public static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.UseDefaultUrl("http://localhost:8080");
        builder.Services.AddVpoInference(builder.Configuration);
        builder.Services.AddVpoApi(builder.Configuration);
        builder.Services.AddVpoTelemetry(builder.Configuration);
        builder.Services.AddVpoOpenApi();

        var app = builder.Build();
        app.UseVpoErrorHandling();
        app.UseRequestTimeouts();
        app.UseVpoOpenApi();
        app.MapOptimizeApi();
        app.MapModelsApi();
        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint(TelemetryServiceCollectionExtensions.MetricsPath);
        return app;
    }
}
