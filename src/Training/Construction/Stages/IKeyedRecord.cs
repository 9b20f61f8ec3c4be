namespace Vpo.Training.Construction.Stages;

/// <summary>A record of a stage's output file: its key marks the item done, so a rerun skips it.</summary>
public interface IKeyedRecord
{
    /// <summary>The item's key (<see cref="QueryKey"/>).</summary>
    string Key { get; }
}
