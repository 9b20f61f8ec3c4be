using System.Security.Cryptography;
using System.Text.Json;
using Vpo.Training.Data;
using Vpo.Training.Storage;

namespace Vpo.Training.Loops;

/// <summary>
/// The reference log-probabilities of a DPO run, stored with a fingerprint of the encoded pairs so they are
/// never applied to different data.
/// </summary>
public static class ReferenceCache
{
    /// <summary>File name inside the run folder.</summary>
    public const string FileName = "reference_logps.json";

    /// <summary>Writes the cache atomically.</summary>
    public static Task WriteAsync(string path, IReadOnlyList<ScoredPreference> train, IReadOnlyList<ScoredPreference> eval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        var contents = new Contents(
            Fingerprint(train.Select(s => s.Pair).Concat(eval.Select(s => s.Pair))),
            train.Select(s => new[] { s.ReferenceChosen, s.ReferenceRejected }).ToList(),
            eval.Select(s => new[] { s.ReferenceChosen, s.ReferenceRejected }).ToList());
        return AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(contents), cancellationToken);
    }

    /// <summary>Reads the cache written for exactly these pairs.</summary>
    public static async Task<(IReadOnlyList<ScoredPreference> Train, IReadOnlyList<ScoredPreference> Eval)> ReadAsync(
        string path, IReadOnlyList<PreferenceExample> train, IReadOnlyList<PreferenceExample> eval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(eval);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Cannot resume DPO: the reference log-probabilities {path} written at the start of the run are missing.");
        }

        var contents = JsonSerializer.Deserialize<Contents>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"{path} is empty.");
        if (contents.Fingerprint != Fingerprint(train.Concat(eval)) || contents.Train.Count != train.Count || contents.Eval.Count != eval.Count)
        {
            throw new InvalidOperationException($"Cannot resume DPO: {path} was computed for different preference data; resume with the data and options of the original run.");
        }

        return (Attach(train, contents.Train), Attach(eval, contents.Eval));
    }

    private static List<ScoredPreference> Attach(IReadOnlyList<PreferenceExample> pairs, IReadOnlyList<double[]> scores) =>
        pairs.Select((pair, i) => new ScoredPreference(pair, scores[i][0], scores[i][1])).ToList();

    private static string Fingerprint(IEnumerable<PreferenceExample> pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> buffer = stackalloc byte[4];
        foreach (var pair in pairs)
        {
            foreach (var example in new[] { pair.Chosen, pair.Rejected })
            {
                foreach (var value in example.Ids.Prepend(example.ResponseStart).Prepend(-1))
                {
                    BitConverter.TryWriteBytes(buffer, value);
                    hash.AppendData(buffer);
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private sealed record Contents(string Fingerprint, IReadOnlyList<double[]> Train, IReadOnlyList<double[]> Eval);
}
