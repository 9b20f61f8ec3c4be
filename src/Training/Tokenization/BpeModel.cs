namespace Vpo.Training.Tokenization;

/// <summary>A learned byte-level BPE: tokens in id order (the 256 byte symbols first) and merges in rank order.</summary>
/// <param name="Tokens">Byte-level token strings; a token's index is its id.</param>
/// <param name="Merges">Merge rules, earliest learned (highest priority) first.</param>
public sealed record BpeModel(IReadOnlyList<string> Tokens, IReadOnlyList<BpeMerge> Merges);

/// <summary>One BPE merge rule: adjacent <paramref name="Left"/> and <paramref name="Right"/> become one token.</summary>
/// <param name="Left">The left token (byte-level string).</param>
/// <param name="Right">The right token (byte-level string).</param>
public sealed record BpeMerge(string Left, string Right)
{
    /// <summary>The rule as <c>tokenizer.json</c> and merges files spell it: both tokens separated by one space.</summary>
    public override string ToString() => Left + " " + Right;
}
