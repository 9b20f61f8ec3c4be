namespace Vpo.Training.Evaluation.Optimizers;

/// <summary>The kinds of optimizer the <c>eval</c> command can run.</summary>
public enum OptimizerKind
{
    /// <summary>The raw query (baseline).</summary>
    Raw,

    /// <summary>A running VPO service over HTTP.</summary>
    Service,

    /// <summary>An OpenAI-compatible chat model with Figure 7's few-shot template.</summary>
    OpenAi,

    /// <summary>A model folder run in this process through the Inference library.</summary>
    ModelFolder,
}

/// <summary>
/// One <c>--optimizer</c> value: <c>raw</c>, <c>service=http://127.0.0.1:8080</c>, <c>openai=gpt-4o</c> or <c>model=onnx</c>.
/// </summary>
/// <param name="Kind">The kind.</param>
/// <param name="Argument">The service URL, model name or model folder; empty for <c>raw</c>.</param>
public sealed record OptimizerSpec(OptimizerKind Kind, string Argument)
{
    /// <summary>The forms accepted, for error messages and help.</summary>
    public const string Forms = "raw, service=<base url>, openai=<model>, model=<model folder>";

    /// <summary>Parses one value.</summary>
    /// <exception cref="ArgumentException">The value is not one of <see cref="Forms"/>; the message quotes it.</exception>
    public static OptimizerSpec Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var separator = value.IndexOf('=', StringComparison.Ordinal);
        var kind = (separator < 0 ? value : value[..separator]).Trim().ToLowerInvariant();
        var argument = separator < 0 ? string.Empty : value[(separator + 1)..].Trim();
        switch (kind)
        {
            case "raw" when argument.Length == 0:
                return new OptimizerSpec(OptimizerKind.Raw, string.Empty);
            case "service" when Uri.TryCreate(argument, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps):
                return new OptimizerSpec(OptimizerKind.Service, argument);
            case "service":
                throw new ArgumentException($"--optimizer '{value}': the service needs an absolute http(s) base URL, e.g. service=http://127.0.0.1:8080.");
            case "openai" when argument.Length > 0:
                return new OptimizerSpec(OptimizerKind.OpenAi, argument);
            case "openai":
                throw new ArgumentException($"--optimizer '{value}': name the model, e.g. openai=gpt-4o.");
            case "model" when argument.Length > 0:
                return new OptimizerSpec(OptimizerKind.ModelFolder, argument);
            case "model":
                throw new ArgumentException($"--optimizer '{value}': name the model folder, e.g. model=onnx.");
            default:
                throw new ArgumentException($"--optimizer '{value}' is not one of: {Forms}.");
        }
    }
}
