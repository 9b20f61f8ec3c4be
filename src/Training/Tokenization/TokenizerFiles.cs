namespace Vpo.Training.Tokenization;

/// <summary>A Hugging Face tokenizer folder as read and checked by <see cref="TokenizerFilesReader"/>.</summary>
/// <param name="Folder">The folder the files came from.</param>
/// <param name="Vocabulary">The BPE model's vocabulary (byte-level token to id), special tokens excluded.</param>
/// <param name="Merges">Merge rules in rank order, each as two tokens separated by one space.</param>
/// <param name="AddedTokens">Every added token (content to id); the Llama 3 specials among them.</param>
/// <param name="SpecialTokens">Ids of the Llama 3 special tokens.</param>
/// <param name="IgnoreMerges">Whether a pre-token found whole in the vocabulary is emitted without merging (Llama 3's <c>ignore_merges</c>).</param>
/// <param name="ChatTemplate">The Jinja chat template from <c>tokenizer_config.json</c>.</param>
/// <param name="BosToken">The <c>bos_token</c> from <c>tokenizer_config.json</c>.</param>
/// <param name="EosToken">The <c>eos_token</c> from <c>tokenizer_config.json</c>.</param>
/// <param name="ModelMaxLength">The <c>model_max_length</c> from <c>tokenizer_config.json</c>.</param>
public sealed record TokenizerFiles(
    string Folder,
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyDictionary<string, int> AddedTokens,
    SpecialTokens SpecialTokens,
    bool IgnoreMerges,
    string ChatTemplate,
    string BosToken,
    string EosToken,
    long ModelMaxLength)
{
    /// <summary>Rows the model's embedding needs: one past the largest token id, special tokens included.</summary>
    public int VocabularySize => Math.Max(Vocabulary.Values.Max(), AddedTokens.Values.DefaultIfEmpty(-1).Max()) + 1;

    /// <summary>Reads and checks <c>tokenizer.json</c> and <c>tokenizer_config.json</c> in <paramref name="folder"/>.</summary>
    /// <exception cref="TokenizerFileException">A file is missing, is not valid JSON, or a field is missing or wrong.</exception>
    public static Task<TokenizerFiles> LoadAsync(string folder, CancellationToken cancellationToken) =>
        TokenizerFilesReader.ReadAsync(folder, cancellationToken);
}
