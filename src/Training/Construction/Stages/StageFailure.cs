namespace Vpo.Training.Construction.Stages;

/// <summary>One failed attempt, as written to a stage's failures file.</summary>
/// <param name="Key">The item's key.</param>
/// <param name="Query">The item's query.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Attempt">Which attempt of this run (from 1).</param>
/// <param name="Reason">What was wrong: the malformed answer's problem or the endpoint's error.</param>
/// <param name="Answer">The malformed answer (shortened), when there was one.</param>
/// <param name="GivenUp">True when this was the last attempt: the item stays undone until a later run.</param>
/// <param name="At">When it happened (UTC).</param>
public sealed record StageFailure(string Key, string Query, string Stage, int Attempt, string Reason, string? Answer, bool GivenUp, DateTimeOffset At);
