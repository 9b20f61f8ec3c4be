using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Diagnostics;

/// <summary>
/// Measures whether a model copies from its context: each text is fed twice in a row and the loss on the second
/// occurrence is compared with the first. The optimizer's job — keeping every subject, action and detail of the
/// query — rests on this ability, and an SFT loss curve does not show whether a model has it.
/// </summary>
public static class CopyingProbe
{
    /// <summary>Shortest text worth probing: below this the first tokens of the repeat dominate the mean.</summary>
    public const int MinimumTokens = 4;

    /// <summary>
    /// Probes <paramref name="texts"/> (token ids without begin-of-text; each is read as
    /// <c>[beginOfText] text text</c>). Texts shorter than <see cref="MinimumTokens"/> or whose doubled form does
    /// not fit the model's context are skipped.
    /// </summary>
    /// <exception cref="ArgumentException">No text could be probed.</exception>
    public static CopyingProbeResult Measure(LlamaForCausalLM model, IEnumerable<IReadOnlyList<int>> texts, int beginOfText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(texts);
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double first = 0, second = 0;
            long tokensPerOccurrence = 0;
            var probed = 0;
            foreach (var text in texts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (text.Count < MinimumTokens || 1 + (2 * text.Count) > model.Config.MaxPositionEmbeddings)
                {
                    continue;
                }

                using var scope = NewDisposeScope();
                var ids = new long[1 + (2 * text.Count)];
                ids[0] = beginOfText;
                for (var i = 0; i < text.Count; i++)
                {
                    ids[1 + i] = text[i];
                    ids[1 + text.Count + i] = text[i];
                }

                var input = tensor(ids, [1, ids.Length], device: model.Device);
                var logProbabilities = nn.functional.log_softmax(model.forward(input)[0, ..^1, ..], 1);
                var targetLoss = -logProbabilities.gather(1, input[0, 1..].unsqueeze(1)).squeeze(1).to(CPU);
                var losses = targetLoss.data<float>().ToArray();
                // losses[t] scores ids[t + 1]: the first text.Count of them are the first occurrence.
                first += losses.Take(text.Count).Sum(l => (double)l);
                second += losses.Skip(text.Count).Sum(l => (double)l);
                tokensPerOccurrence += text.Count;
                probed++;
            }

            if (probed == 0)
            {
                throw new ArgumentException($"No text could be probed: each needs at least {MinimumTokens} tokens and its doubled form must fit max_position_embeddings ({model.Config.MaxPositionEmbeddings}).", nameof(texts));
            }

            return new CopyingProbeResult(probed, first / tokensPerOccurrence, second / tokensPerOccurrence, tokensPerOccurrence);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
