namespace Vpo.Training.Modeling;

/// <summary>
/// What greedy decoding produced: the new tokens (the stop token included when one ended the run) and, for each of
/// them, the float32 logits over the vocabulary it was chosen from.
/// </summary>
public sealed record GreedyGeneration(IReadOnlyList<int> Tokens, IReadOnlyList<float[]> StepLogits);
