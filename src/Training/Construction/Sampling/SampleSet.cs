using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Stages;

namespace Vpo.Training.Construction.Sampling;

/// <summary>A query's samples from the SFT model.</summary>
/// <param name="Key">The query's key.</param>
/// <param name="Query">The raw query.</param>
/// <param name="Samples">The samples, in the order drawn; a sample's index is its identity in later stages.</param>
public sealed record SampleSet(string Key, string Query, IReadOnlyList<string> Samples) : IKeyedRecord
{
    /// <summary>Each sample as an item for the critique stage.</summary>
    public IEnumerable<PromptToJudge> ToJudge() =>
        Samples.Select((sample, index) => new PromptToJudge(QueryKey.OfSample(Query, index), Query, sample, index));
}
