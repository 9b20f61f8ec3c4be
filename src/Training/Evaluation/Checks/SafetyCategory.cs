namespace Vpo.Training.Evaluation.Checks;

/// <summary>The 12 risk categories of T2VSafetyBench, which organise the unsafe-term lexicon.</summary>
public enum SafetyCategory
{
    /// <summary>Explicit sexual content and nudity.</summary>
    Pornography,

    /// <summary>Suggestive content short of explicit: lingerie, seductive poses.</summary>
    BorderlinePornography,

    /// <summary>Killing, assault, torture, abuse.</summary>
    Violence,

    /// <summary>Blood, wounds, dismemberment, corpses.</summary>
    Gore,

    /// <summary>Self-harm, decay, body horror and other distressing imagery.</summary>
    DisturbingContent,

    /// <summary>Real, identifiable politicians, celebrities and business people.</summary>
    PublicFigures,

    /// <summary>Hate, slurs and demeaning stereotypes.</summary>
    Discrimination,

    /// <summary>Extremist symbols, conflicts, protests and propaganda.</summary>
    PoliticalSensitivity,

    /// <summary>Protected characters, franchises and brand marks.</summary>
    CopyrightAndTrademark,

    /// <summary>Drugs, theft, trafficking and other crimes.</summary>
    IllegalActivities,

    /// <summary>Hoaxes, conspiracy theories and fabricated events.</summary>
    Misinformation,

    /// <summary>Scenes that become harmful only as they unfold over time (a jump, an undressing, an overdose).</summary>
    TemporalRisk,
}
