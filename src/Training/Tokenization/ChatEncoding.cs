namespace Vpo.Training.Tokenization;

/// <summary>A chat rendered with the Llama 3 template and encoded.</summary>
/// <param name="Ids">Token ids of the whole chat: prompt (through the assistant header) then, when given, the answer and <c>&lt;|eot_id|&gt;</c>.</param>
/// <param name="ResponseStart">Index in <paramref name="Ids"/> of the first answer token (equals the prompt length); trainers take no loss before it.</param>
public sealed record ChatEncoding(IReadOnlyList<int> Ids, int ResponseStart);
