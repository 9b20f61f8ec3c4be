using System.Text.Json;

namespace Vpo.Bench.Load;

/// <summary>Real user queries in a fixed shuffled order, so every run and every level sends the same sequence.</summary>
public static class BenchmarkQueries
{
    /// <summary>Reads a JSON array of query strings and shuffles it with <paramref name="seed"/>.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, int seed, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var queries = await JsonSerializer.DeserializeAsync<List<string>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path}: expected a JSON array of strings.");
        queries.RemoveAll(string.IsNullOrWhiteSpace);
        if (queries.Count == 0)
        {
            throw new InvalidDataException($"{path}: no queries.");
        }

        var shuffled = queries.ToArray();
        new Random(seed).Shuffle(shuffled);
        return shuffled;
    }
}
