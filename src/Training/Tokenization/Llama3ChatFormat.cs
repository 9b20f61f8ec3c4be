namespace Vpo.Training.Tokenization;

/// <summary>
/// The Llama 3 chat format: the Jinja template written into <c>tokenizer_config.json</c> (what ONNX Runtime
/// GenAI's <c>ApplyChatTemplate</c> and Hugging Face render) and the same rendering in C#, for one user
/// turn and an optional assistant answer.
/// </summary>
public static class Llama3ChatFormat
{
    /// <summary>Meta's Llama 3 Instruct chat template, character for character.</summary>
    public const string JinjaTemplate =
        "{% set loop_messages = messages %}{% for message in loop_messages %}" +
        "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}" +
        "{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    // The template's `trim` as ONNX Runtime GenAI's Jinja engine applies it: ASCII space, tab, CR and LF
    // only (verified against 0.18). Python's str.strip() in Hugging Face also strips other Unicode
    // whitespace; we follow the engine that serves the model.
    private static readonly char[] TrimmedCharacters = [' ', '\t', '\n', '\r'];

    /// <summary>The prompt for one user turn, ending with the assistant header (the generation prompt).</summary>
    public static string RenderPrompt(string userMessage)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        return SpecialTokenNames.BeginOfText + Turn("user", userMessage) + Header("assistant");
    }

    /// <summary>The assistant's answer as it follows <see cref="RenderPrompt"/>: trimmed and closed by end of turn.</summary>
    public static string RenderResponse(string assistantMessage)
    {
        ArgumentNullException.ThrowIfNull(assistantMessage);
        return assistantMessage.Trim(TrimmedCharacters) + SpecialTokenNames.EndOfTurn;
    }

    /// <summary>A whole user + assistant exchange, as the template renders it without a generation prompt.</summary>
    public static string RenderExchange(string userMessage, string assistantMessage) =>
        RenderPrompt(userMessage) + RenderResponse(assistantMessage);

    private static string Header(string role) => SpecialTokenNames.StartHeader + role + SpecialTokenNames.EndHeader + "\n\n";

    private static string Turn(string role, string content) => Header(role) + content.Trim(TrimmedCharacters) + SpecialTokenNames.EndOfTurn;
}
