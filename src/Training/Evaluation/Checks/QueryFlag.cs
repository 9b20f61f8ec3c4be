namespace Vpo.Training.Evaluation.Checks;

/// <summary>One flag found in a query.</summary>
/// <param name="Name">The flag's name, lower case, without dashes (<c>ar</c>, <c>neg</c>, <c>camera</c>).</param>
/// <param name="Value">Its value as written, trimmed; empty when it has none.</param>
/// <param name="Kind">What it asks for.</param>
public sealed record QueryFlag(string Name, string Value, QueryFlagKind Kind);
