namespace Vpo.Training.Checkpoints;

/// <summary>
/// A checkpoint folder or safetensors file that cannot be loaded: a missing, unexpected or wrongly shaped tensor,
/// an unsupported element type, a truncated file, a malformed header or an index naming a missing shard. The
/// message names the file and tensor and says what was expected.
/// </summary>
public sealed class InvalidCheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/> (a file or folder) and, when known, <paramref name="tensorName"/>.</summary>
    public InvalidCheckpointException(string path, string? tensorName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        TensorName = tensorName;
    }

    /// <summary>The file or folder at fault.</summary>
    public string Path { get; }

    /// <summary>The tensor at fault, when the problem is one tensor.</summary>
    public string? TensorName { get; }
}
