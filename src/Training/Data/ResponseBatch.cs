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
    public static ResponseBatch Collate(IReadOnlyList<ResponseExample> examples, int paddingId, Device device)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one example.", nameof(examples));
        }

        var longest = examples.Max(e => e.Ids.Length);
        var ids = new long[examples.Count * longest];
        var mask = new bool[examples.Count * longest];
        long tokens = 0;
        for (var row = 0; row < examples.Count; row++)
        {
            var example = examples[row];
            var offset = row * longest;
            for (var t = 0; t < longest; t++)
            {
                ids[offset + t] = t < example.Ids.Length ? example.Ids[t] : paddingId;
                mask[offset + t] = t >= example.ResponseStart && t < example.Ids.Length;
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
