namespace Vpo.Inference.Generation;

/// <summary>The model folder could not be served; the message names the folder and what is wrong with it.</summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="modelPath"/>.</summary>
    public ModelLoadException(string modelPath, string reason, Exception? innerException = null)
        : base($"Cannot serve the model at '{modelPath}': {reason}.", innerException)
    {
        ModelPath = modelPath;
    }

    /// <summary>The absolute model folder path.</summary>
    public string ModelPath { get; }
}
