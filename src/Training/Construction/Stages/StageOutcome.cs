namespace Vpo.Training.Construction.Stages;

/// <summary>
/// The result of one attempt at one item: a record to append, or a malformed answer (with the reason and the answer
/// itself) that is logged to the failures file and retried up to the attempt limit.
/// </summary>
/// <typeparam name="TRecord">The stage's output record.</typeparam>
public readonly record struct StageOutcome<TRecord>
    where TRecord : class, IKeyedRecord
{
    private StageOutcome(TRecord? record, string? problem, string? answer)
    {
        Record = record;
        Problem = problem;
        Answer = answer;
    }

    /// <summary>The record, when the attempt succeeded.</summary>
    public TRecord? Record { get; }

    /// <summary>Why the answer was unusable, when it was.</summary>
    public string? Problem { get; }

    /// <summary>The unusable answer, for the failures file.</summary>
    public string? Answer { get; }

    /// <summary>A usable answer.</summary>
    public static StageOutcome<TRecord> Done(TRecord record) => new(record ?? throw new ArgumentNullException(nameof(record)), null, null);

    /// <summary>An unusable answer; <paramref name="reason"/> names what is wrong with it.</summary>
    public static StageOutcome<TRecord> Malformed(string reason, string? answer) => new(null, reason, answer);
}
