namespace Vpo.Training.Export;

/// <summary>How to write the exported folder.</summary>
/// <param name="ExternalData">Keep weights in model.onnx.data beside model.onnx (needed past 2 GB; lets the runtime map them).</param>
public sealed record OnnxExportOptions(bool ExternalData = true);

/// <summary>What an export wrote and how long it took.</summary>
public sealed record OnnxExportResult(string Directory, long ModelBytes, long ExternalDataBytes, TimeSpan Elapsed)
{
    public long TotalBytes => ModelBytes + ExternalDataBytes;
}
