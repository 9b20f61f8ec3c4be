namespace Vpo.Inference.Prompting;

/// <summary>
/// The instruction the VPO optimizer was trained on (the authors' release). The user's query is
/// placed into it verbatim and the result is sent as the single user turn of the model's chat template,
/// both at inference and when building training examples, so the two never drift apart.
/// </summary>
public static class VpoInstruction
{
    // Protocol constant: the two trailing spaces after principles 1 and 2 and the missing space after
    // "User Query:" are part of what the released checkpoint saw in training.
    private const string Template =
        "In this task, your goal is to expand the user's short query into a detailed and well-structured English prompt for generating short videos.\n" +
        "\n" +
        "Please ensure that the generated video prompt adheres to the following principles:\n" +
        "\n" +
        "1. **Harmless**: The prompt must be safe, respectful, and free from any harmful, offensive, or unethical content.  \n" +
        "2. **Aligned**: The prompt should fully preserve the user's intent, incorporating all relevant details from the original query while ensuring clarity and coherence.  \n" +
        "3. **Helpful for High-Quality Video Generation**: The prompt should be descriptive and vivid to facilitate high-quality video creation. Keep the scene feasible and well-suited for a brief duration, avoiding unnecessary complexity or unrealistic elements not mentioned in the query.\n" +
        "\n" +
        "User Query:{0}\n" +
        "\n" +
        "Video Prompt:";

    /// <summary>Puts the raw user query into the instruction, exactly as the model was trained on it.</summary>
    public static string Format(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, query);
    }
}
