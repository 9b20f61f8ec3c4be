using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Api.Endpoints;
using Vpo.Api.Health;
using Vpo.Api.Hosting;
using Vpo.Inference;
using Vpo.Inference.Generation;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api;

/// <summary>
/// The VPO optimizer service: <c>POST /optimize</c>, the OpenAI-compatible <c>GET /v1/models</c> and
/// <c>POST /v1/chat/completions</c>, video jobs on configured video backends (<c>/videos</c>), health probes, Swagger
/// and metrics.
/// </summary>
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
            // Resolved before running: RunAsync disposes the host's services when it returns.
            var readiness = app.Services.GetRequiredService<ModelReadiness>();
            await app.RunAsync();
            return readiness.WarmUpFailure is null ? 0 : 1;
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
        builder.Services.AddVpoVideos(builder.Configuration);
        // Before the API's problem details, so that /v1 errors are written in the OpenAI shape first.
        builder.Services.AddSingleton<IProblemDetailsWriter, OpenAiProblemDetailsWriter>();
        builder.Services.AddVpoApi(builder.Configuration);
        builder.Services.AddVpoTelemetry(builder.Configuration);
        builder.Services.AddVpoOpenApi();
        builder.Services.AddVpoHardening(builder.Configuration);

        var app = builder.Build();
        app.UseVpoErrorHandling();
        app.UseVpoHardening();
        app.UseRequestTimeouts();
        app.UseVpoOpenApi();
        app.MapOptimizeApi();
        app.MapModelsApi();
        app.MapChatCompletionsApi();
        app.MapVideosApi();
        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint(TelemetryServiceCollectionExtensions.MetricsPath);
        return app;
    }
}
