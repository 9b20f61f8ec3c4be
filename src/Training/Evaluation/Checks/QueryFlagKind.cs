namespace Vpo.Training.Evaluation.Checks;

/// <summary>What a Midjourney-style flag in a query asks for.</summary>
public enum QueryFlagKind
{
    /// <summary>A format setting the prompt may ignore: <c>-ar 16:9</c>, <c>-fps 24</c>, <c>-seed 42</c>, <c>-motion 4</c>, <c>-gs 24</c>.</summary>
    Format,

    /// <summary>Elements the prompt must avoid: <c>-neg blurry, text</c>, <c>--no people</c>.</summary>
    Negative,

    /// <summary>Any other <c>-xxx</c> constraint the prompt should follow: <c>-camera zoom in</c>, <c>-cinematic</c>.</summary>
    Constraint,
}
