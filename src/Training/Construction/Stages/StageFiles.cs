namespace Vpo.Training.Construction.Stages;

/// <summary>A stage's output file and its failures file (by default <c>output.failures.jsonl</c>).</summary>
/// <param name="Output">Records, one per finished item, appended.</param>
/// <param name="Failures">Failed attempts, appended.</param>
public sealed record StageFiles(string Output, string Failures)
{
    /// <summary>The output file and its default failures file beside it.</summary>
    public static StageFiles For(string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(output);
        var name = output.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? output[..^".jsonl".Length] : output;
        return new StageFiles(output, name + ".failures.jsonl");
    }
}
