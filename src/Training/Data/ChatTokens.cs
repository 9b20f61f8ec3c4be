namespace Vpo.Training.Data;

/// <summary>A rendered chat: all ids, and the index of the first assistant-content token.</summary>
/// <param name="Ids">The ids of the whole conversation, from begin-of-text to the assistant's end-of-turn token.</param>
/// <param name="ResponseStart">Index in <paramref name="Ids"/> where the assistant's content begins; everything before is prompt.</param>
public sealed record ChatTokens(IReadOnlyList<int> Ids, int ResponseStart);
