namespace Vpo.Training.Data;

/// <summary>
/// An encoded prompt/response sequence: the ids fed to the model and where the response begins. Tokens from
/// <see cref="ResponseStart"/> on are the targets of SFT and the tokens DPO sums log-probabilities over.
/// </summary>
/// <param name="Ids">The sequence, at most the context length.</param>
/// <param name="ResponseStart">Index of the first response token; at least 1 and below the length.</param>
public sealed record ResponseExample(int[] Ids, int ResponseStart)
{
    /// <summary>The number of response tokens (targets).</summary>
    public int ResponseLength => Ids.Length - ResponseStart;
}
