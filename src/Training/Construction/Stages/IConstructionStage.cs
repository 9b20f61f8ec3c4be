namespace Vpo.Training.Construction.Stages;

/// <summary>One resumable step of data construction: turns an input item into one output record.</summary>
/// <typeparam name="TInput">The items the stage reads.</typeparam>
/// <typeparam name="TRecord">The record it appends per item.</typeparam>
public interface IConstructionStage<in TInput, TRecord>
    where TRecord : class, IKeyedRecord
{
    /// <summary>The stage's name in progress lines and failure records.</summary>
    string Name { get; }

    /// <summary>The key and query of an input item.</summary>
    StageItem Describe(TInput input);

    /// <summary>
    /// Processes one item. A malformed answer is returned as <see cref="StageOutcome{TRecord}.Malformed"/>; an
    /// endpoint that keeps failing after its own retries throws, and the item is recorded as failed.
    /// </summary>
    /// <param name="input">The item.</param>
    /// <param name="attempt">1 for the first attempt at the item in this run.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    Task<StageOutcome<TRecord>> ProcessAsync(TInput input, int attempt, CancellationToken cancellationToken);
}
