namespace Vpo.Training.Evaluation.Running;

/// <summary>One query of a run, with its position in the query file (the key that makes a run resumable).</summary>
/// <param name="Index">Zero-based position in the file.</param>
/// <param name="Query">The query as written.</param>
public sealed record QueryItem(int Index, string Query);
