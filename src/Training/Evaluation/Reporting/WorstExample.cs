namespace Vpo.Training.Evaluation.Reporting;

/// <summary>One quoted example in the report.</summary>
/// <param name="Index">The query's position in the query file.</param>
/// <param name="Query">The query.</param>
/// <param name="Output">The prompt.</param>
/// <param name="Detail">What is wrong with it.</param>
public sealed record WorstExample(int Index, string Query, string Output, string Detail);
