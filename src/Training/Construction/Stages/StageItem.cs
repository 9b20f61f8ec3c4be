namespace Vpo.Training.Construction.Stages;

/// <summary>What the runner needs to know about one input item.</summary>
/// <param name="Key">Unique key of the item; the output record carries it.</param>
/// <param name="Query">The user query the item belongs to; it decides the shard.</param>
public readonly record struct StageItem(string Key, string Query);
