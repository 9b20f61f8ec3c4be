using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// The keys and values every layer has computed so far for one batch of sequences, so that decoding a new token
/// attends to the past without recomputing it. Each layer's tensors are <c>[batch, kv_heads, length, head_dim]</c>
/// and grow by concatenation. The cache owns them: dispose the cache when the sequences are done.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] keys;
    private readonly Tensor?[] values;

    /// <summary>Creates an empty cache for a model with <paramref name="numLayers"/> decoder layers.</summary>
    public KvCache(int numLayers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        keys = new Tensor?[numLayers];
        values = new Tensor?[numLayers];
    }

    /// <summary>Creates an empty cache for a model of <paramref name="config"/>'s shape.</summary>
    public KvCache(LlamaConfig config) : this(config.NumHiddenLayers)
    {
    }

    /// <summary>Number of decoder layers the cache holds entries for.</summary>
    public int NumLayers => keys.Length;

    /// <summary>
    /// Number of positions cached (0 when empty): the position the next token fed to the model gets. Read it between
    /// forward passes; during one, the first layer is already one step ahead of the others.
    /// </summary>
    public long Length => keys[0]?.shape[2] ?? 0;

    /// <summary>Number of sequences in the cached batch (0 when empty).</summary>
    public long BatchSize => keys[0]?.shape[0] ?? 0;

    /// <summary>
    /// Appends <paramref name="newKeys"/> and <paramref name="newValues"/> (<c>[batch, kv_heads, new, head_dim]</c>)
    /// to layer <paramref name="layerIndex"/> and returns everything cached for that layer. The returned tensors
    /// belong to the cache: do not dispose them.
    /// </summary>
    public (Tensor Keys, Tensor Values) Append(int layerIndex, Tensor newKeys, Tensor newValues)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (layerIndex < 0 || layerIndex >= keys.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(layerIndex), layerIndex, $"the cache holds layers 0..{keys.Length - 1}");
        }
        if (keys[layerIndex] is { } past && (past.shape[0] != newKeys.shape[0] || past.shape[1] != newKeys.shape[1] || past.shape[3] != newKeys.shape[3]))
        {
            throw new ArgumentException(
                $"layer {layerIndex} caches keys of shape [{string.Join(", ", past.shape)}] but the new keys are [{string.Join(", ", newKeys.shape)}]: "
                + "batch size, heads and head size must stay the same for the life of a cache", nameof(newKeys));
        }
        keys[layerIndex] = Grow(keys[layerIndex], newKeys);
        values[layerIndex] = Grow(values[layerIndex], newValues);
        return (keys[layerIndex]!, values[layerIndex]!);
    }

    /// <summary>
    /// Turns the cache of one sequence into the cache of <paramref name="batchSize"/> sequences that all start with it,
    /// without copying: every row is a view of the same keys and values, so gradients from all rows flow back into
    /// the one computation that produced them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cache is empty or holds more than one sequence.</exception>
    public void ExpandBatch(long batchSize)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (keys.Any(k => k is null) || BatchSize != 1)
        {
            throw new InvalidOperationException($"only a filled cache of one sequence can be expanded; this one holds {BatchSize} sequences of {Length} positions");
        }
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Expand(keys[i]!, batchSize);
            values[i] = Expand(values[i]!, batchSize);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i]?.Dispose();
            values[i]?.Dispose();
            keys[i] = null;
            values[i] = null;
        }
    }

    private bool disposed;

    private static Tensor Expand(Tensor single, long batchSize)
    {
        var expanded = single.expand(batchSize, -1, -1, -1);
        expanded.DetachFromDisposeScope();
        single.Dispose();
        return expanded;
    }

    private static Tensor Grow(Tensor? past, Tensor next)
    {
        // The grown tensor must outlive the dispose scope of the forward pass that produced `next`.
        var grown = past is null ? next.alias() : cat([past, next], 2);
        grown.DetachFromDisposeScope();
        past?.Dispose();
        return grown;
    }
}
