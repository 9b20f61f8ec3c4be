namespace Vpo.Training.Construction.Stages;

/// <summary>A stage stopped because items kept failing one after another (the endpoint looks down or misconfigured).</summary>
/// <param name="message">How many failed and the last reason.</param>
public sealed class StageAbortedException(string message) : Exception(message);
