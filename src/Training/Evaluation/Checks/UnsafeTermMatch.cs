namespace Vpo.Training.Evaluation.Checks;

/// <summary>One lexicon term found in a text: its category, the term as written in the lexicon, and the words that matched.</summary>
/// <param name="Category">The T2VSafetyBench category of the term.</param>
/// <param name="Term">The lexicon term.</param>
/// <param name="Text">The words of the text that matched it.</param>
public sealed record UnsafeTermMatch(SafetyCategory Category, string Term, string Text);
