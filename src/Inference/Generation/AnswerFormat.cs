namespace Vpo.Inference.Generation;

/// <summary>How a row's generated text becomes its answer.</summary>
public enum AnswerFormat
{
    /// <summary>The optimizer's answer: the first paragraph, its lines joined (see <see cref="AnswerText"/>).</summary>
    SingleParagraph,

    /// <summary>A chat reply: the generated text as it is, ended before the first stop string.</summary>
    Raw,
}
