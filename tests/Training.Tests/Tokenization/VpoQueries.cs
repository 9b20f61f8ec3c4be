using System.Text.Json;

namespace Vpo.Training.Tests.Tokenization;

/// <summary>
/// The real user queries released with the paper (shared/data/vpo-queries), found from the test's folder
/// upwards or through VPO_QUERIES_DIR. Tests that need them fail, never skip, when they are missing.
/// </summary>
internal static class VpoQueries
{
    private static readonly string[] FileNames = ["sft_queries.json", "dpo_queries.json"];

    public static string Folder { get; } = Locate();

    public static IReadOnlyList<string> All { get; } = FileNames
        .SelectMany(name => JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(Folder, name))) ?? [])
        .ToArray();

    public static IReadOnlyList<string> Sft { get; } =
        JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(Folder, FileNames[0]))) ?? [];

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("VPO_QUERIES_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "shared", "data", "vpo-queries"), Path.Combine(folder.FullName, "data", "vpo-queries") })
            {
                if (FileNames.All(name => File.Exists(Path.Combine(candidate, name))))
                {
                    return candidate;
                }
            }
        }
        throw new InvalidOperationException(
            $"The VPO query files ({string.Join(", ", FileNames)}) were not found in shared/data/vpo-queries or data/vpo-queries above {AppContext.BaseDirectory}; set VPO_QUERIES_DIR.");
    }
}
