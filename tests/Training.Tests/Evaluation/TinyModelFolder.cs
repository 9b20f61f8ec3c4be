namespace Vpo.Training.Tests.Evaluation;

/// <summary>The repository's tiny random-weight model (tests/Fixtures/tiny-llama), found by walking up from the test binaries.</summary>
internal static class TinyModelFolder
{
    public static string Path { get; } = Locate();

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = System.IO.Path.Combine(folder.FullName, "tests", "Fixtures", "tiny-llama");
            if (File.Exists(System.IO.Path.Combine(candidate, "genai_config.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/Fixtures/tiny-llama was not found above {AppContext.BaseDirectory}.");
    }
}
