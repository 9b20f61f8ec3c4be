namespace Vpo.Training.Construction.Stages;

/// <summary>What one run of a stage did.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Shard">The shard it ran.</param>
/// <param name="Total">Items of the shard.</param>
/// <param name="AlreadyDone">Items found done in the output file before the run.</param>
/// <param name="Completed">Items done by this run.</param>
/// <param name="Failed">Items given up on in this run (they stay undone; a rerun retries them).</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record StageSummary(string Stage, ShardSpec Shard, int Total, int AlreadyDone, int Completed, int Failed, TimeSpan Elapsed)
{
    /// <summary>Items still undone after the run.</summary>
    public int Remaining => Total - AlreadyDone - Completed;
}
