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
        // The managed assembly's version is 0.0.0.0; the package version is in its informational version.
        var genAi = typeof(Microsoft.ML.OnnxRuntimeGenAI.Model).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "unknown";
        return new MachineDescription(processor, Environment.ProcessorCount, memory, RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription, genAi);
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
