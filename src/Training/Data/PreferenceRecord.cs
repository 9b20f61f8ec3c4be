namespace Vpo.Training.Data;

/// <summary>
/// One preference pair as stored in JSONL: <c>{ "query", "chosen", "rejected", "source": "text" | "video", ... }</c>.
/// Other fields (scores, critiques) are allowed and ignored by training.
/// </summary>
/// <param name="Query">The raw user query.</param>
/// <param name="Chosen">The preferred prompt.</param>
/// <param name="Rejected">The dispreferred prompt.</param>
/// <param name="Source">Which feedback produced the pair: text-level or video-level.</param>
/// <param name="Line">The 1-based line the record came from, for error messages.</param>
public sealed record PreferenceRecord(string Query, string Chosen, string Rejected, PreferenceSource Source, int Line);
