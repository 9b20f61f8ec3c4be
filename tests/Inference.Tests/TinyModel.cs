using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Vpo.Inference.Generation;

[assembly: AssemblyFixture(typeof(Vpo.Inference.Tests.TinyModel))]
// Several tests measure what a generator run did; running them side by side on two cores would only make them slow.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]

namespace Vpo.Inference.Tests;

/// <summary>
/// The repository's tiny random-weight Llama (tests/Fixtures/tiny-llama), loaded once for the whole assembly through the
/// real ONNX Runtime GenAI runtime. Its answers are gibberish; tests assert behaviour, not text quality.
/// </summary>
public sealed class TinyModel : IDisposable
{
    public TinyModel()
    {
        Host = new OnnxModelHost(FolderPath, ExecutionProvider.Cpu, "tiny-llama", NullLogger<OnnxModelHost>.Instance);
    }

    /// <summary>The fixture folder; found by walking up from the test binaries so that any checkout location works.</summary>
    public static string FolderPath { get; } = Locate();

    public OnnxModelHost Host { get; }

    public void Dispose() => Host.Dispose();

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "Fixtures", "tiny-llama");
            if (File.Exists(Path.Combine(candidate, ModelFolder.ConfigFileName)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Fixtures/tiny-llama was not found above {AppContext.BaseDirectory}; the model tests need it.");
    }
}

/// <summary>A meter factory for objects built without a host.</summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}

/// <summary>A temporary folder removed after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("vpo-test-").FullName;
    }

    public string Path { get; }

    /// <summary>Copies the tiny model into a subfolder so that a test can damage its copy.</summary>
    public string CopyOfTinyModel()
    {
        var target = System.IO.Path.Combine(Path, "model");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(TinyModel.FolderPath))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }

        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
