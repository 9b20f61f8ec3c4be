namespace Vpo.Training.Modeling;

/// <summary>
/// A model configuration (a <c>config.json</c> or a <see cref="LlamaConfig"/> built in code) that cannot describe a
/// working Llama decoder. The message names the offending field and the value it should have.
/// </summary>
public sealed class InvalidModelConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="field"/> (a Hugging Face config.json name, or a file path).</summary>
    public InvalidModelConfigException(string field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The config.json field (or the file) that is wrong.</summary>
    public string Field { get; }
}
