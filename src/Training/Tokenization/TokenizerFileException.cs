namespace Vpo.Training.Tokenization;

/// <summary>A tokenizer file that cannot be used, with the file and the field at fault.</summary>
public sealed class TokenizerFileException : Exception
{
    /// <summary>Creates the exception; the message names the file and the field.</summary>
    /// <param name="filePath">The file at fault.</param>
    /// <param name="field">The JSON path of the field at fault (e.g. <c>model.vocab</c>), or null for the file as a whole.</param>
    /// <param name="problem">What is wrong and what was expected.</param>
    /// <param name="innerException">The parser's error, if any.</param>
    public TokenizerFileException(string filePath, string? field, string problem, Exception? innerException = null)
        : base(field is null ? $"{filePath}: {problem}" : $"{filePath}: field '{field}': {problem}", innerException)
    {
        FilePath = filePath;
        Field = field;
    }

    /// <summary>The file at fault.</summary>
    public string FilePath { get; }

    /// <summary>The JSON path of the field at fault, or null when the whole file is unusable.</summary>
    public string? Field { get; }
}
