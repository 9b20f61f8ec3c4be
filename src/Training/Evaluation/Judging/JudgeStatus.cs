namespace Vpo.Training.Evaluation.Judging;

/// <summary>What became of one critique.</summary>
public enum JudgeStatus
{
    /// <summary>The critique carried a final judgement.</summary>
    Judged,

    /// <summary>The critique had no <c>Final Judgement (Yes or No)</c>: skipped, as the authors' script does.</summary>
    Skipped,

    /// <summary>The endpoint could not be reached or kept failing.</summary>
    Failed,
}
