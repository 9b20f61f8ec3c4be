namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Diversity filtering by self-BLEU against the kept set: queries are offered one by one, and a query is dropped when
/// its sentence BLEU (up to 4-grams, uniform weights, brevity penalty, Chen and Cherry's smoothing 1 with
/// epsilon 0.1; for queries shorter than 4 tokens the order is the query's length) against some already-kept query
/// reaches the threshold. The BLEU is pairwise (the most similar kept query), not against the kept set as one
/// multi-reference corpus: with thousands of references every common phrase matches and the score saturates.
/// <para>
/// No pair is compared needlessly. Kept queries are indexed by n-gram; a kept query that shares no n-gram of order
/// k with the candidate scores at most prod_{n&gt;=k} (eps/c_n)^(1/N), so k is chosen to make that bound fall under
/// the threshold and only kept queries sharing a k-gram are looked at. Their shared k-gram count m bounds every
/// higher-order precision (m_n &lt;= m_k), which with the brevity penalty gives an upper bound that skips most of
/// them; the exact BLEU is computed for the rest, stopping at the first that reaches the threshold. The decision is
/// exactly that of the full comparison.
/// </para>
/// </summary>
public sealed class SelfBleuFilter
{
    private const double Epsilon = 0.1;
    private readonly double _threshold;
    private readonly int _maxOrder;
    private readonly Dictionary<string, int> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(int, int, int, int), int> _grams = [];
    private readonly Dictionary<int, List<int>> _postings = [];
    private readonly List<Entry> _kept = [];

    /// <summary>A filter dropping queries whose BLEU against a kept query is at least <paramref name="threshold"/>.</summary>
    public SelfBleuFilter(double threshold, int maxOrder = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxOrder, 4);
        _threshold = threshold;
        _maxOrder = maxOrder;
    }

    /// <summary>Queries kept so far.</summary>
    public int KeptCount => _kept.Count;

    /// <summary>Exact comparisons made so far (for the report: how much the index saved).</summary>
    public long Comparisons { get; private set; }

    /// <summary>Offers a query's tokens; it is kept (and indexed) unless a kept query is too similar.</summary>
    public SelfBleuDecision Offer(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var candidate = Build(tokens);
        if (candidate.Length > 0)
        {
            var order = SearchOrder(candidate);
            var shared = new Dictionary<int, int>();
            foreach (var (gram, count) in candidate.Distinct[order - 1])
            {
                if (_postings.TryGetValue(gram, out var postings))
                {
                    foreach (var kept in postings)
                    {
                        shared[kept] = shared.GetValueOrDefault(kept) + count;
                    }
                }
            }

            foreach (var (kept, matches) in shared)
            {
                if (UpperBound(candidate, _kept[kept].Length, order, matches) < _threshold)
                {
                    continue;
                }

                Comparisons++;
                var bleu = Bleu(candidate, _kept[kept]);
                if (bleu >= _threshold)
                {
                    return new SelfBleuDecision(false, bleu, kept);
                }
            }
        }

        Keep(candidate);
        return new SelfBleuDecision(true, 0, -1);
    }

    /// <summary>The sentence BLEU of <paramref name="candidate"/> against the single reference <paramref name="reference"/>.</summary>
    public static double Score(IReadOnlyList<string> candidate, IReadOnlyList<string> reference, int maxOrder = 4)
    {
        var scratch = new SelfBleuFilter(1, maxOrder);
        var built = scratch.Build(candidate);
        var referenceEntry = scratch.Build(reference);
        return built.Length == 0 || referenceEntry.Length == 0 ? 0 : Bleu(built, referenceEntry);
    }

    private int Orders(int length) => Math.Min(_maxOrder, length);

    // The highest order k at which "shares no k-gram" already bounds the BLEU under the threshold.
    private int SearchOrder(Entry candidate)
    {
        var orders = Orders(candidate.Length);
        var logBound = 0.0;
        for (var k = orders; k >= 1; k--)
        {
            logBound += Math.Log(Epsilon / (candidate.Length - k + 1)) / orders;
            if (Math.Exp(logBound) < _threshold)
            {
                return k;
            }
        }

        // Sharing no unigram scores 0.
        return 1;
    }

    private double UpperBound(Entry candidate, int referenceLength, int order, int matches)
    {
        var orders = Orders(candidate.Length);
        var logBound = Math.Log(BrevityPenalty(candidate.Length, referenceLength));
        for (var n = order; n <= orders; n++)
        {
            logBound += Math.Log(Math.Min(1.0, (double)matches / (candidate.Length - n + 1))) / orders;
        }

        return Math.Exp(logBound);
    }

    private static double Bleu(Entry candidate, Entry reference)
    {
        var orders = candidate.Orders;
        var logPrecision = 0.0;
        for (var n = 1; n <= orders; n++)
        {
            var matches = 0;
            foreach (var (gram, count) in candidate.Distinct[n - 1])
            {
                var index = Array.BinarySearch(reference.Grams, gram);
                if (index >= 0)
                {
                    matches += Math.Min(count, reference.Counts[index]);
                }
            }

            if (n == 1 && matches == 0)
            {
                return 0;
            }

            var total = candidate.Length - n + 1;
            logPrecision += Math.Log(matches == 0 ? Epsilon / total : (double)matches / total) / orders;
        }

        return BrevityPenalty(candidate.Length, reference.Length) * Math.Exp(logPrecision);
    }

    private static double BrevityPenalty(int candidate, int reference) =>
        candidate >= reference ? 1.0 : Math.Exp(1.0 - (double)reference / candidate);

    private Entry Build(IReadOnlyList<string> tokens)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!_tokens.TryGetValue(tokens[i], out ids[i]))
            {
                ids[i] = _tokens.Count;
                _tokens.Add(tokens[i], ids[i]);
            }
        }

        var orders = Orders(ids.Length);
        var distinct = new List<(int Gram, int Count)>[orders];
        var all = new SortedDictionary<int, int>();
        for (var n = 1; n <= orders; n++)
        {
            var counts = new Dictionary<int, int>();
            for (var i = 0; i + n <= ids.Length; i++)
            {
                var key = (ids[i], n > 1 ? ids[i + 1] : -1, n > 2 ? ids[i + 2] : -1, n > 3 ? ids[i + 3] : -1);
                if (!_grams.TryGetValue(key, out var gram))
                {
                    gram = _grams.Count;
                    _grams.Add(key, gram);
                }

                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }

            distinct[n - 1] = counts.Select(pair => (pair.Key, pair.Value)).ToList();
            foreach (var (gram, count) in counts)
            {
                all[gram] = count;
            }
        }

        return new Entry(ids.Length, orders, distinct, [.. all.Keys], [.. all.Values]);
    }

    private void Keep(Entry entry)
    {
        var index = _kept.Count;
        _kept.Add(entry);
        foreach (var gram in entry.Grams)
        {
            if (!_postings.TryGetValue(gram, out var postings))
            {
                postings = [];
                _postings.Add(gram, postings);
            }

            postings.Add(index);
        }
    }

    private sealed record Entry(int Length, int Orders, List<(int Gram, int Count)>[] Distinct, int[] Grams, int[] Counts);
}
