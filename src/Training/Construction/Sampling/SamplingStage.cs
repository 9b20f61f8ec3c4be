using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Sampling;

/// <summary>Draws each query's samples; an empty sample makes the answer malformed and the query is sampled again.</summary>
public sealed class SamplingStage(IPromptSampler sampler, SamplingSettings settings) : IConstructionStage<string, SampleSet>
{
    /// <inheritdoc />
    public string Name => "sample";

    /// <inheritdoc />
    public StageItem Describe(string input) => new(QueryKey.Of(input), input);

    /// <inheritdoc />
    public async Task<StageOutcome<SampleSet>> ProcessAsync(string input, int attempt, CancellationToken cancellationToken)
    {
        var samples = await sampler.SampleAsync(input, settings.Count, cancellationToken).ConfigureAwait(false);
        if (samples.Count != settings.Count || samples.Any(string.IsNullOrWhiteSpace))
        {
            return StageOutcome<SampleSet>.Malformed(
                $"expected {settings.Count} non-empty samples, got {samples.Count(s => !string.IsNullOrWhiteSpace(s))} of {samples.Count}", string.Join("\n---\n", samples));
        }

        return StageOutcome<SampleSet>.Done(new SampleSet(QueryKey.Of(input), input, samples));
    }
}
