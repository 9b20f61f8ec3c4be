namespace Vpo.Training.Data;

/// <summary>
/// Training data that cannot be used as given. The message names the file, the line (when there is one)
/// and what was expected, so the user can fix the input without reading code.
/// </summary>
public sealed class TrainingDataException : Exception
{
    /// <summary>Creates the exception; the message is prefixed with "file:line: ".</summary>
    public TrainingDataException(string path, int? line, string message, Exception? innerException = null)
        : base(line is null ? $"{path}: {message}" : $"{path}:{line}: {message}", innerException)
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file the bad data came from.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the bad record, when the data is line-based.</summary>
    public int? Line { get; }
}
