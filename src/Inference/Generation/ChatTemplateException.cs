namespace Vpo.Inference.Generation;

/// <summary>
/// The model's chat template refused the messages (many templates reject roles or orders they were not trained on,
/// e.g. a system turn or two user turns in a row); the message says why, in the template's words.
/// </summary>
public sealed class ChatTemplateException : Exception
{
    /// <summary>Creates the exception with the template's own reason.</summary>
    public ChatTemplateException(string reason, Exception? innerException = null)
        : base($"The model's chat template refused the messages: {reason}", innerException)
    {
    }
}
