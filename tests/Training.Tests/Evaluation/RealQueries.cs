using System.Text.Json;

namespace Vpo.Training.Tests.Evaluation;

/// <summary>The released user queries in shared/data/vpo-queries, found by walking up from the test binaries.</summary>
internal static class RealQueries
{
    private static readonly Lazy<string> Folder = new(FindFolder);

    public static IReadOnlyList<string> Sft => Load("sft_queries.json");

    public static IReadOnlyList<string> Dpo => Load("dpo_queries.json");

    public static string SftPath => Path.Combine(Folder.Value, "sft_queries.json");

    private static IReadOnlyList<string> Load(string name) =>
        JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Path.Combine(Folder.Value, name)))!;

    // The repository sits beside shared/ (main, CI) or two levels below it (a worktree): look upwards.
    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", "vpo-queries");
            if (File.Exists(Path.Combine(candidate, "sft_queries.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"shared/data/vpo-queries/sft_queries.json was not found above {AppContext.BaseDirectory}; these tests need the released queries beside the repository.");
    }
}
