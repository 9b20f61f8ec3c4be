namespace Vpo.Training.Data;

/// <summary>Reads and validates a preference JSONL file before any training starts.</summary>
public static class PreferenceDataReader
{
    /// <summary>All pairs of the file; fails on the first bad line, or when the file holds no record.</summary>
    public static async Task<IReadOnlyList<PreferenceRecord>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var records = new List<PreferenceRecord>();
        await foreach (var (line, record) in JsonlFile.ReadObjectsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var query = JsonlFile.RequiredString(record, "query", path, line);
            var chosen = JsonlFile.RequiredString(record, "chosen", path, line);
            var rejected = JsonlFile.RequiredString(record, "rejected", path, line);
            var source = JsonlFile.RequiredString(record, "source", path, line) switch
            {
                "text" => PreferenceSource.Text,
                "video" => PreferenceSource.Video,
                var other => throw new TrainingDataException(path, line, $"field \"source\" must be \"text\" or \"video\", got \"{other}\"."),
            };
            if (string.Equals(chosen, rejected, StringComparison.Ordinal))
            {
                throw new TrainingDataException(path, line, "\"chosen\" and \"rejected\" are identical; a pair must differ to carry a preference.");
            }

            records.Add(new PreferenceRecord(query, chosen, rejected, source, line));
        }

        if (records.Count == 0)
        {
            throw new TrainingDataException(path, null, "the file holds no records; expected JSON lines with \"query\", \"chosen\", \"rejected\" and \"source\".");
        }

        return records;
    }
}
