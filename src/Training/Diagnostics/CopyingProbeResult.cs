namespace Vpo.Training.Diagnostics;

/// <summary>What <see cref="CopyingProbe"/> measured over a set of texts.</summary>
/// <param name="Texts">Texts that were probed (the others were too short or too long).</param>
/// <param name="FirstOccurrenceLoss">Mean next-token loss, in nats per token, on the text's first occurrence.</param>
/// <param name="SecondOccurrenceLoss">Mean loss on its immediate repetition.</param>
/// <param name="SecondOccurrenceTokens">Tokens the second mean is taken over.</param>
public sealed record CopyingProbeResult(int Texts, double FirstOccurrenceLoss, double SecondOccurrenceLoss, long SecondOccurrenceTokens)
{
    /// <summary>
    /// Nats per token the repetition saves. A model that reads its context saves most of the first occurrence's
    /// loss; one that only models word statistics saves next to nothing.
    /// </summary>
    public double Gain => FirstOccurrenceLoss - SecondOccurrenceLoss;
}
