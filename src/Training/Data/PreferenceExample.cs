namespace Vpo.Training.Data;

/// <summary>An encoded preference pair sharing one prompt.</summary>
/// <param name="Chosen">Prompt + chosen response.</param>
/// <param name="Rejected">Prompt + rejected response.</param>
public sealed record PreferenceExample(ResponseExample Chosen, ResponseExample Rejected);
