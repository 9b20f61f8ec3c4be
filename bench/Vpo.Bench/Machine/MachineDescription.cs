using System.Runtime.InteropServices;

namespace Vpo.Bench.Machine;

/// <summary>What the report says about the machine it ran on.</summary>
public sealed record MachineDescription(string Processor, int LogicalCores, double MemoryGigabytes, string OperatingSystem, string Runtime, string GenAiVersion)
{
    /// <summary>Reads this machine (Linux /proc where available).</summary>
    public static MachineDescription Current()
    {
        var processor = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memoryKilobytes = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = double.TryParse(memoryKilobytes, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? kb / 1048576.0 : 0;
        var genAi = PackageVersion("Microsoft.ML.OnnxRuntimeGenAI") ?? "unknown";
        return new MachineDescription(processor, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, genAi);
    }

    // The GenAI assemblies carry no version (0.0.0.0); the app's dependency manifest names the package version restored.
    private static string? PackageVersion(string package)
    {
        var manifest = Path.Combine(AppContext.BaseDirectory, AppDomain.CurrentDomain.FriendlyName + ".deps.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("libraries", out var libraries)
            ? libraries.EnumerateObject().Select(library => library.Name)
                .FirstOrDefault(name => name.StartsWith(package + "/", StringComparison.OrdinalIgnoreCase))?[(package.Length + 1)..]
            : null;
    }

    private static string? ReadField(string path, string field)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return File.ReadLines(path)
            .Where(line => line.StartsWith(field, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }
}
