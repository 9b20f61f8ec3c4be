namespace Vpo.Training.Export;

/// <summary>The model cannot be exported as given; the message names the tensor or setting at fault.</summary>
public sealed class OnnxExportException(string message) : Exception(message);
