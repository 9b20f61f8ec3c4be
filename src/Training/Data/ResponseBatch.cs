using static TorchSharp.torch;

namespace Vpo.Training.Data;

/// <summary>A right-padded batch of response examples as tensors: input ids and the response mask.</summary>
public sealed class ResponseBatch : IDisposable
{
    private ResponseBatch(Tensor inputIds, Tensor responseMask, long tokens)
    {
        InputIds = inputIds;
        ResponseMask = responseMask;
        Tokens = tokens;
    }

    /// <summary>[batch, longest] int64 ids; padded positions hold the padding id.</summary>
    public Tensor InputIds { get; }

    /// <summary>[batch, longest] bool, true on response tokens (never on padding).</summary>
    public Tensor ResponseMask { get; }

    /// <summary>The number of real (non-padding) tokens in the batch.</summary>
    public long Tokens { get; }

    /// <summary>
    /// Pads the examples on the right to the longest one. Right padding is safe for a causal model: real
    /// tokens never attend to the padding after them, and the mask keeps padding out of every loss.
    /// </summary>
    public static ResponseBatch Collate(IReadOnlyList<ResponseExample> examples, int paddingId, Device device) =>
        Collate(examples, paddingId, device, skip: 0);

    /// <summary>
    /// As <see cref="Collate(IReadOnlyList{ResponseExample}, int, Device)"/> without the first <paramref name="skip"/>
    /// tokens of every row: the rest of sequences whose first tokens the model has already read into a cache.
    /// <see cref="Tokens"/> still counts the skipped tokens, which the model did read.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="skip"/> would leave a row empty or reach into a response.</exception>
    public static ResponseBatch Collate(IReadOnlyList<ResponseExample> examples, int paddingId, Device device, int skip)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one example.", nameof(examples));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        if (skip > 0 && skip >= examples.Min(e => e.ResponseStart))
        {
            throw new ArgumentOutOfRangeException(nameof(skip), skip, "the skipped tokens must end before every row's response");
        }

        var longest = examples.Max(e => e.Ids.Length) - skip;
        var ids = new long[examples.Count * longest];
        var mask = new bool[examples.Count * longest];
        long tokens = 0;
        for (var row = 0; row < examples.Count; row++)
        {
            var example = examples[row];
            var offset = row * longest;
            for (var t = 0; t < longest; t++)
            {
                var source = t + skip;
                ids[offset + t] = source < example.Ids.Length ? example.Ids[source] : paddingId;
                mask[offset + t] = source >= example.ResponseStart && source < example.Ids.Length;
            }

            tokens += example.Ids.Length;
        }

        var inputIds = tensor(ids, [examples.Count, longest], ScalarType.Int64, device);
        var responseMask = tensor(mask, [examples.Count, longest], ScalarType.Bool, device);
        return new ResponseBatch(inputIds, responseMask, tokens);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        InputIds.Dispose();
        ResponseMask.Dispose();
    }
}
