using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vpo.Training.Tokenization;

/// <summary>
/// Learns byte-level BPE merges from pre-token counts. Microsoft.ML.Tokenizers (2.0.1) only encodes and no
/// maintained .NET library trains BPE, so the merge loop is ours.
/// </summary>
/// <remarks>
/// Each distinct pre-token is held once with its count. Pair counts are kept up to date incrementally:
/// a merge touches only the words that contain the merged pair (found through a pair-to-words index), and
/// a max-heap with lazy invalidation picks the next pair. Ties go to the pair with the smaller ids, so
/// training is deterministic.
/// </remarks>
public sealed class BpeTrainer(ILogger<BpeTrainer>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<BpeTrainer>.Instance;

    /// <summary>Learns merges until the vocabulary holds <paramref name="vocabularySize"/> tokens or no pair occurs <paramref name="minFrequency"/> times.</summary>
    /// <param name="preTokenCounts">Distinct pre-tokens (raw text pieces from <see cref="PreTokenizerPattern"/>) with their counts.</param>
    /// <param name="vocabularySize">Learned vocabulary size including the 256 byte tokens (special tokens excluded).</param>
    /// <param name="minFrequency">A pair seen fewer times than this is never merged.</param>
    /// <param name="cancellationToken">Stops training between merges.</param>
    public BpeModel Train(IReadOnlyDictionary<string, long> preTokenCounts, int vocabularySize, long minFrequency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preTokenCounts);
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(minFrequency, 1);

        var tokens = new List<string>(vocabularySize);
        var tokenIds = new Dictionary<string, int>(vocabularySize, StringComparer.Ordinal);
        var byteIds = new int[256];
        foreach (var value in ByteLevelAlphabet.BaseOrder)
        {
            byteIds[value] = tokens.Count;
            var symbol = ByteLevelAlphabet.ToChar(value).ToString();
            tokenIds.Add(symbol, tokens.Count);
            tokens.Add(symbol);
        }

        var words = new Words(preTokenCounts, byteIds);
        var pairs = new PairStatistics(words);
        var queue = new PriorityQueue<long, PairPriority>(PairPriority.HighestCountFirst);
        foreach (var (pair, count) in pairs.Counts)
        {
            if (count >= minFrequency)
            {
                queue.Enqueue(pair, new PairPriority(count, pair));
            }
        }

        var merges = new List<BpeMerge>(vocabularySize - 256);
        var mergedPairs = new HashSet<long>();
        while (tokens.Count < vocabularySize && queue.TryDequeue(out var pair, out var queued))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = pairs.CountOf(pair);
            if (current != queued.Count)
            {
                // Stale entry: merges lowered the pair's count since it was queued, so requeue it at the
                // current one. (Counts that rise always belong to pairs with the new token, queued below.)
                if (current >= minFrequency)
                {
                    queue.Enqueue(pair, new PairPriority(current, pair));
                }
                continue;
            }

            var (left, right) = PairStatistics.Split(pair);
            var merged = tokens[left] + tokens[right];
            // Two different merges can spell the same string ("ab"+"c", "a"+"bc"); they share one id.
            if (!tokenIds.TryGetValue(merged, out var mergedId))
            {
                mergedId = tokens.Count;
                tokenIds.Add(merged, mergedId);
                tokens.Add(merged);
            }
            if (mergedPairs.Add(pair))
            {
                merges.Add(new BpeMerge(tokens[left], tokens[right]));
                if (merges.Count % 1000 == 0)
                {
                    _logger.LogInformation("Learned {Merges} merges, vocabulary {Tokens}/{Target}; the last pair occurred {Count} times",
                        merges.Count, tokens.Count, vocabularySize, queued.Count);
                }
            }

            foreach (var (newPair, count) in pairs.Merge(pair, mergedId))
            {
                if (count >= minFrequency)
                {
                    queue.Enqueue(newPair, new PairPriority(count, newPair));
                }
            }
        }

        return new BpeModel(tokens, merges);
    }

    /// <summary>Queue priority: higher count first, then the smaller pair (left id, then right id).</summary>
    private readonly record struct PairPriority(long Count, long Pair)
    {
        public static IComparer<PairPriority> HighestCountFirst { get; } = Comparer<PairPriority>.Create(
            (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Pair.CompareTo(b.Pair));
    }

    /// <summary>Every distinct pre-token as a mutable symbol sequence with its count.</summary>
    private sealed class Words
    {
        public Words(IReadOnlyDictionary<string, long> preTokenCounts, int[] byteIds)
        {
            Symbols = new int[preTokenCounts.Count][];
            Lengths = new int[preTokenCounts.Count];
            Counts = new long[preTokenCounts.Count];
            var index = 0;
            foreach (var (text, count) in preTokenCounts)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var symbols = new int[bytes.Length];
                for (var i = 0; i < bytes.Length; i++)
                {
                    symbols[i] = byteIds[bytes[i]];
                }
                Symbols[index] = symbols;
                Lengths[index] = symbols.Length;
                Counts[index] = count;
                index++;
            }
        }

        public int[][] Symbols { get; }

        public int[] Lengths { get; }

        public long[] Counts { get; }
    }

    /// <summary>Pair counts over all words and, per pair, the words that may contain it.</summary>
    private sealed class PairStatistics
    {
        private readonly Words _words;
        private readonly Dictionary<long, long> _counts = [];
        private readonly Dictionary<long, List<int>> _wordsWithPair = [];
        private readonly int[] _visitedInMerge;
        private int _mergeStamp;

        public PairStatistics(Words words)
        {
            _words = words;
            _visitedInMerge = new int[words.Symbols.Length];
            for (var w = 0; w < words.Symbols.Length; w++)
            {
                var symbols = words.Symbols[w];
                for (var i = 0; i + 1 < words.Lengths[w]; i++)
                {
                    var pair = Join(symbols[i], symbols[i + 1]);
                    CollectionsMarshal.GetValueRefOrAddDefault(_counts, pair, out _) += words.Counts[w];
                    IndexWord(pair, w);
                }
            }
        }

        public IEnumerable<KeyValuePair<long, long>> Counts => _counts;

        public static long Join(int left, int right) => ((long)left << 32) | (uint)right;

        public static (int Left, int Right) Split(long pair) => ((int)(pair >> 32), (int)(pair & 0xFFFFFFFF));

        public long CountOf(long pair) => _counts.GetValueOrDefault(pair);

        /// <summary>Replaces the pair by <paramref name="mergedId"/> in every word; returns the pairs it created with their new counts.</summary>
        public Dictionary<long, long> Merge(long pair, int mergedId)
        {
            var (left, right) = Split(pair);
            var created = new Dictionary<long, long>();
            _mergeStamp++;
            foreach (var w in _wordsWithPair[pair])
            {
                // The index may list a word twice or after an earlier merge removed the pair from it.
                if (_visitedInMerge[w] == _mergeStamp || !Contains(w, left, right))
                {
                    continue;
                }
                _visitedInMerge[w] = _mergeStamp;
                MergeWord(w, left, right, mergedId, created);
            }
            _wordsWithPair.Remove(pair);
            _counts.Remove(pair);
            foreach (var newPair in created.Keys)
            {
                created[newPair] = _counts[newPair];
            }
            return created;
        }

        private bool Contains(int w, int left, int right)
        {
            var symbols = _words.Symbols[w];
            for (var i = 0; i + 1 < _words.Lengths[w]; i++)
            {
                if (symbols[i] == left && symbols[i + 1] == right)
                {
                    return true;
                }
            }
            return false;
        }

        private void MergeWord(int w, int left, int right, int mergedId, Dictionary<long, long> created)
        {
            var symbols = _words.Symbols[w];
            var length = _words.Lengths[w];
            var count = _words.Counts[w];
            for (var i = 0; i + 1 < length; i++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_counts, Join(symbols[i], symbols[i + 1]), out _) -= count;
            }

            var kept = 0;
            for (var i = 0; i < length;)
            {
                if (i + 1 < length && symbols[i] == left && symbols[i + 1] == right)
                {
                    symbols[kept++] = mergedId;
                    i += 2;
                }
                else
                {
                    symbols[kept++] = symbols[i++];
                }
            }
            _words.Lengths[w] = kept;

            for (var i = 0; i + 1 < kept; i++)
            {
                var pair = Join(symbols[i], symbols[i + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(_counts, pair, out _) += count;
                if (symbols[i] == mergedId || symbols[i + 1] == mergedId)
                {
                    IndexWord(pair, w);
                    created[pair] = 0;
                }
            }
        }

        private void IndexWord(long pair, int w)
        {
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_wordsWithPair, pair, out _);
            list ??= [];
            if (list.Count == 0 || list[^1] != w)
            {
                list.Add(w);
            }
        }
    }
}
