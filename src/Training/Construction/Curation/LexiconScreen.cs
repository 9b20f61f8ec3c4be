using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Curation;

/// <summary>The evaluation's rule-based unsafe-query detector as the pre-filter of the LLM safety judge.</summary>
public sealed class LexiconScreen(UnsafeQueryDetector detector) : IUnsafeQueryScreen
{
    /// <summary>A screen over the shipped lexicon.</summary>
    public LexiconScreen()
        : this(new UnsafeQueryDetector())
    {
    }

    /// <inheritdoc />
    public bool Flags(string query) => detector.Detect(query).IsUnsafe;
}
