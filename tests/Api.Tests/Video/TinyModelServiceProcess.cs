using Vpo.Api.Tests.Deployment;

namespace Vpo.Api.Tests.Video;

/// <summary>
/// Starts the service built beside these tests (same configuration) as its own process on the tiny model, with quiet
/// logs except the video worker's, which failure messages show.
/// </summary>
internal static class TinyModelServiceProcess
{
    private static readonly string[] Defaults =
    [
        $"Inference:ModelPath={TinyModel.FolderPath}",
        "Logging:LogLevel:Default=Warning",
        "Logging:LogLevel:Microsoft.AspNetCore=Error",
        "Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
        "Logging:LogLevel:Vpo.Inference.Video=Information",
    ];

    /// <summary>The apphost next to the tests' own build: <c>src/Api/bin/&lt;Configuration&gt;/net10.0/Vpo.Api</c>.</summary>
    public static string Apphost
    {
        get
        {
            // The tests run from tests/Api.Tests/bin/<Configuration>/<framework>/.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var name = OperatingSystem.IsWindows() ? "Vpo.Api.exe" : "Vpo.Api";
            return RepositoryRoot.Combine($"src/Api/bin/{configuration}/{framework.Name}/{name}");
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> (<c>Section:Key=value</c>) and waits until it is ready.</summary>
    public static Task<ServiceProcess> StartReadyAsync(params string[] settings) =>
        ServiceProcess.StartAsync(Apphost, [.. Defaults, .. settings], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
