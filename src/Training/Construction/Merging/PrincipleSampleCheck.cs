using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Construction.Merging;

/// <summary>The evaluation's automatic principle checks as the judge of the no-LLM preference route.</summary>
public sealed class PrincipleSampleCheck(PrincipleChecker checker) : ISampleCheck
{
    /// <summary>A check with the evaluation's default thresholds and lexicon.</summary>
    public PrincipleSampleCheck()
        : this(new PrincipleChecker())
    {
    }

    /// <inheritdoc />
    public SampleVerdict Judge(string query, string prompt)
    {
        var report = checker.Check(query, prompt);
        return new SampleVerdict(report.Failures.Select(failure => failure.ToString()).ToList(), report.Coverage ?? 1.0);
    }
}
