using System.Globalization;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (1-based, as written on the command line: <c>--shard 3/8</c>).
/// A query belongs to exactly one shard, chosen by its stable hash, so N machines running shards 1..N together
/// cover every query once.
/// </summary>
public readonly record struct ShardSpec
{
    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 &lt;= index &lt;= count.</exception>
    public ShardSpec(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The whole input as one shard.</summary>
    public static ShardSpec All { get; } = new(1, 1);

    /// <summary>Which shard, from 1.</summary>
    public int Index { get; }

    /// <summary>How many shards.</summary>
    public int Count { get; }

    /// <summary>Reads <c>i/N</c>.</summary>
    /// <exception cref="FormatException">The text is not <c>i/N</c> with 1 &lt;= i &lt;= N.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new ShardSpec(index, count);
        }

        throw new FormatException($"--shard must be i/N with 1 <= i <= N (e.g. 3/8), got '{text}'.");
    }

    /// <summary>Whether <paramref name="query"/> is this shard's.</summary>
    public bool Contains(string query) => Count == 1 || (int)(QueryKey.Hash(query) % (ulong)Count) == Index - 1;

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
