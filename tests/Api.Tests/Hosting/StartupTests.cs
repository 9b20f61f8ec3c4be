using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vpo.Api.Hosting;
using Vpo.Inference.Generation;

namespace Vpo.Api.Tests.Hosting;

public sealed class StartupTests
{
    // Settings the endpoints need are validated while the app is built, the rest when it starts; either way the
    // process stops before it listens (Program.Main turns both into exit code 1).
    private static Task<Exception> StartFailureAsync(params string[] settings) =>
        Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = TestService.Build(settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

    [Fact]
    public async Task A_missing_model_folder_fails_start_with_a_message_naming_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vpo-no-model-" + Guid.NewGuid().ToString("N"));

        var error = Assert.IsType<OptionsValidationException>(await StartFailureAsync($"Inference:ModelPath={missing}"));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("Inference:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_model_fails_start_with_a_message_naming_the_path()
    {
        var folder = Directory.CreateTempSubdirectory("vpo-corrupt-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(TinyModel.FolderPath))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            await File.WriteAllTextAsync(Path.Combine(folder, "model.onnx"), "garbage", TestContext.Current.CancellationToken);

            var error = Assert.IsType<ModelLoadException>(await StartFailureAsync($"Inference:ModelPath={folder}"));

            Assert.Contains(folder, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Inference:Provider=cuda", "VpoCuda=true")]
    [InlineData("Inference:Provider=tpu", "Provider")]
    [InlineData("Inference:MaxBatchSize=0", "MaxBatchSize")]
    [InlineData("Inference:QueueCapacity=-5", "QueueCapacity")]
    [InlineData("Inference:IntraOpThreads=-1", "IntraOpThreads")]
    [InlineData("Inference:BatchWindow=00:00:05", "BatchWindow")]
    [InlineData("Inference:DefaultMaxNewTokens=4096", "DefaultMaxNewTokens")]
    [InlineData("Api:MaxRequestBodyBytes=10", "MaxRequestBodyBytes")]
    public async Task Bad_settings_fail_start_naming_the_setting(string setting, string named)
    {
        var error = await StartFailureAsync(setting);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_bind_from_configuration_with_case_insensitive_provider_names()
    {
        await using var app = TestService.Build("Inference:Provider=CPU", "Inference:BatchWindow=00:00:00.025", "Inference:MaxBatchSize=4", "Api:RequestTimeout=00:01:00");

        var inference = app.Services.GetRequiredService<IOptions<Vpo.Inference.InferenceOptions>>().Value;
        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;

        Assert.Equal(Vpo.Inference.ExecutionProvider.Cpu, inference.Provider);
        Assert.Equal(TimeSpan.FromMilliseconds(25), inference.BatchWindow);
        Assert.Equal(4, inference.MaxBatchSize);
        Assert.Equal(TinyModel.FolderPath, inference.ModelPath);
        Assert.Equal(TimeSpan.FromMinutes(1), api.RequestTimeout);
    }

    [Fact]
    public void The_service_listens_on_port_8080_unless_urls_are_configured()
    {
        var plain = WebApplication.CreateBuilder([]).UseDefaultUrl("http://localhost:8080");
        var configured = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:5005"]).UseDefaultUrl("http://localhost:8080");

        Assert.Equal("http://localhost:8080", plain.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
        Assert.Equal("http://127.0.0.1:5005", configured.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public async Task The_process_exits_with_an_error_naming_a_missing_model_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vpo-no-model-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Vpo.Api.dll"), $"--Inference:ModelPath={missing}", "--urls=http://127.0.0.1:0" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains(missing, await stderr, StringComparison.Ordinal);
        await stdout;
    }
}
