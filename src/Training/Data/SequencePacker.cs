namespace Vpo.Training.Data;

/// <summary>Packs pretraining documents into fixed-length sequences with no padding.</summary>
public static class SequencePacker
{
    /// <summary>
    /// Encodes each document (begin-of-text first, end-of-text last), concatenates them and cuts the stream
    /// into sequences of exactly <paramref name="contextLength"/> tokens; the incomplete tail is dropped.
    /// </summary>
    public static IReadOnlyList<int[]> Pack(IEnumerable<string> documents, IChatEncoder encoder, int contextLength)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var stream = new List<int>();
        foreach (var document in documents)
        {
            stream.AddRange(encoder.Encode(document, addBeginOfText: true));
            stream.Add(encoder.EndOfTextId);
        }

        var sequences = new List<int[]>(stream.Count / contextLength);
        for (var start = 0; start + contextLength <= stream.Count; start += contextLength)
        {
            sequences.Add(stream.GetRange(start, contextLength).ToArray());
        }

        return sequences;
    }
}
