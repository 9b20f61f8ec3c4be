using Microsoft.Extensions.Options;
using Vpo.Inference.Generation;

namespace Vpo.Inference;

/// <summary>
/// Start-up checks beyond the attribute ranges: the model folder must be servable and the provider must be one this
/// build can use, so that a wrong setting stops the process with a message naming the setting and the path.
/// </summary>
public sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            ModelFolder.Open(options.ModelPath);
        }
        catch (ModelLoadException exception)
        {
            failures.Add($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.ModelPath)}: {exception.Message}");
        }

#if !VPO_CUDA
        if (options.Provider == ExecutionProvider.Cuda)
        {
            failures.Add($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.Provider)}: 'cuda' needs the CUDA build (dotnet build -p:VpoCuda=true); this build runs on cpu only.");
        }
#endif

        if (options.DefaultMaxNewTokens > options.MaxNewTokensLimit)
        {
            failures.Add($"{InferenceOptions.SectionName}:{nameof(InferenceOptions.DefaultMaxNewTokens)} ({options.DefaultMaxNewTokens}) exceeds {nameof(InferenceOptions.MaxNewTokensLimit)} ({options.MaxNewTokensLimit}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
