using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// Cosines and sines of the rotary angles for a run of positions, each <c>[seq, head_dim]</c> in float32 (the
/// <c>head_dim / 2</c> frequencies written twice, Hugging Face's "rotate_half" layout). Disposing them is up to the
/// dispose scope they were made in.
/// </summary>
public sealed record RotaryAngles(Tensor Cos, Tensor Sin);
