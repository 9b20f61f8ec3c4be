namespace Vpo.Training.Construction.Augmentation;

/// <summary>One word replaced throughout a pair (lower case).</summary>
public sealed record WordSwap(string From, string To);
