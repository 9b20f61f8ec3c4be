namespace Vpo.Training.Tokenization;

/// <summary>The ids of the Llama 3 special tokens in one tokenizer.</summary>
/// <param name="BeginOfText">Id of <c>&lt;|begin_of_text|&gt;</c> (the BOS token).</param>
/// <param name="EndOfText">Id of <c>&lt;|end_of_text|&gt;</c>.</param>
/// <param name="StartHeader">Id of <c>&lt;|start_header_id|&gt;</c>.</param>
/// <param name="EndHeader">Id of <c>&lt;|end_header_id|&gt;</c>.</param>
/// <param name="EndOfTurn">Id of <c>&lt;|eot_id|&gt;</c> (the chat EOS token).</param>
public sealed record SpecialTokens(int BeginOfText, int EndOfText, int StartHeader, int EndHeader, int EndOfTurn)
{
    /// <summary>The ids generation stops at, end of turn first (what <c>genai_config.json</c>'s <c>eos_token_id</c> lists).</summary>
    public IReadOnlyList<int> StopIds => [EndOfTurn, EndOfText];

    /// <summary>Every special token with its id, in <see cref="SpecialTokenNames.All"/> order.</summary>
    public IReadOnlyDictionary<string, int> ByName => new Dictionary<string, int>
    {
        [SpecialTokenNames.BeginOfText] = BeginOfText,
        [SpecialTokenNames.EndOfText] = EndOfText,
        [SpecialTokenNames.StartHeader] = StartHeader,
        [SpecialTokenNames.EndHeader] = EndHeader,
        [SpecialTokenNames.EndOfTurn] = EndOfTurn,
    };

    /// <summary>The ids a tokenizer gets when the specials follow a learned vocabulary of <paramref name="learnedCount"/> tokens.</summary>
    public static SpecialTokens AfterVocabulary(int learnedCount) =>
        new(learnedCount, learnedCount + 1, learnedCount + 2, learnedCount + 3, learnedCount + 4);
}
