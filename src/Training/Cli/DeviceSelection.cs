using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary>Maps <c>--device</c> to a TorchSharp device, failing clearly when CUDA is not there.</summary>
public static class DeviceSelection
{
    /// <summary>The device for "cpu" or "cuda".</summary>
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new ArgumentException(
            "--device cuda was requested, but this build of vpo-train has no usable CUDA libtorch. Build it with " +
            "`dotnet build src/Training -p:VpoCuda=true` on a machine with an NVIDIA GPU and the TorchSharp-cuda-linux package."),
        _ => throw new ArgumentException($"--device is \"{name}\"; expected cpu or cuda."),
    };
}
