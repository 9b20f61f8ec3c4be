namespace Vpo.Training.Data;

/// <summary>Reads and validates an SFT JSONL file before any training starts.</summary>
public static class SftDataReader
{
    /// <summary>All records of the file; fails on the first bad line, or when the file holds no record.</summary>
    public static async Task<IReadOnlyList<SftRecord>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var records = new List<SftRecord>();
        await foreach (var (line, record) in JsonlFile.ReadObjectsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            records.Add(new SftRecord(
                JsonlFile.RequiredString(record, "query", path, line),
                JsonlFile.RequiredString(record, "prompt", path, line),
                line));
        }

        if (records.Count == 0)
        {
            throw new TrainingDataException(path, null, "the file holds no records; expected JSON lines with \"query\" and \"prompt\".");
        }

        return records;
    }
}
