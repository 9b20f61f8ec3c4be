using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace Vpo.Training.Construction.Stages;

/// <summary>
/// Stable identities of queries: the same query gets the same key and the same shard on every machine and in every
/// run (XxHash3 of its UTF-8 bytes; <see cref="string.GetHashCode()"/> is randomised per process).
/// </summary>
public static class QueryKey
{
    /// <summary>The 64-bit hash of a query.</summary>
    public static ulong Hash(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(query));
    }

    /// <summary>The query's key in stage files: its hash as 16 hex digits.</summary>
    public static string Of(string query) => Hash(query).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The key of the <paramref name="index"/>-th sample of a query.</summary>
    public static string OfSample(string query, int index) => $"{Of(query)}-{index}";
}
