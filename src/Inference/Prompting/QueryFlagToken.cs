namespace Vpo.Inference.Prompting;

/// <summary>Where one flag starts in a query and where its value starts.</summary>
/// <param name="Index">Position of the flag (its dash, or its first letter when written without one).</param>
/// <param name="ValueIndex">Position right after the flag's name, where its value starts.</param>
/// <param name="Name">The flag's name, lower case, without dashes.</param>
/// <param name="Kind">What it asks for.</param>
/// <param name="Named">Whether the user wrote a name (<c>-ar</c>, <c>gs 24</c>), not just a ratio or a duration.</param>
/// <param name="SelfValued">Whether the whole match is the value (<c>16:9</c>, <c>10 seconds</c>).</param>
internal sealed record QueryFlagToken(int Index, int ValueIndex, string Name, QueryFlagKind Kind, bool Named, bool SelfValued);
