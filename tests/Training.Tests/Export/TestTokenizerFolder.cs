namespace Vpo.Training.Tests.Export;

/// <summary>
/// Placeholder tokenizer files for export tests that never tokenize: the exporter only copies them,
/// and ONNX Runtime GenAI's Model does not read them until a Tokenizer is created.
/// </summary>
internal static class TestTokenizerFolder
{
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), "{\"model\":{}}");
        File.WriteAllText(Path.Combine(folder, "tokenizer_config.json"), "{}");
        return folder;
    }
}
