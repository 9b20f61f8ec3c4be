namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>An optimizer could not produce a prompt (the service answered with an error or malformed JSON).</summary>
public sealed class OptimizerException : Exception
{
    /// <summary>Creates the exception with a message naming what went wrong.</summary>
    public OptimizerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OptimizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
