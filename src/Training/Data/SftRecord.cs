namespace Vpo.Training.Data;

/// <summary>One SFT example as stored in JSONL: <c>{ "query": ..., "prompt": ... }</c>.</summary>
/// <param name="Query">The raw user query, exactly as a user would send it to the service.</param>
/// <param name="Prompt">The optimized video prompt the model should answer with.</param>
/// <param name="Line">The 1-based line the record came from, for error messages.</param>
public sealed record SftRecord(string Query, string Prompt, int Line);
