using Vpo.Training.Construction.Checking;
using Vpo.Training.Data;
using Vpo.Training.Evaluation.Checks;

namespace Vpo.Training.Tests.Construction.Checking;

public sealed class SftSetCheckerTests
{
    internal const string FaithfulPrompt =
        "A red fox leaps across a frozen lake at dawn, its thick winter coat glowing orange against the pale blue ice. " +
        "Powdery snow bursts from its paws with every bound, and its breath rises in small clouds. Low golden sunlight " +
        "streams over snowy pine trees on the far shore, casting long shadows across the ice, while the camera tracks " +
        "beside the fox at ground level in smooth slow motion, crisp and cinematic.";

    internal const string UnrelatedPrompt =
        "The video opens with a quiet harbour at night, where small fishing boats rock gently under a string of warm lanterns. " +
        "Waves lap against the wooden pier, gulls sleep on the posts, and a lighthouse beam sweeps slowly across the dark water " +
        "while the camera drifts along the quay in one long, calm take.";

    [Fact]
    public void Check_passes_a_faithful_pair_and_names_what_an_unrelated_one_misses()
    {
        (string, SftRecord)[] pairs =
        [
            ("a.jsonl", new SftRecord("a red fox leaping across a frozen lake at dawn", FaithfulPrompt, 1)),
            ("a.jsonl", new SftRecord("a red fox leaping across a frozen lake at dawn", UnrelatedPrompt, 2)),
        ];

        var (checks, summary) = SftSetChecker.Check(pairs, new PrincipleChecker(), lowest: 1);

        Assert.Empty(checks[0].Failures);
        Assert.Equal(1.0, checks[0].Coverage);
        Assert.Contains(FailureKind.Imprecise, checks[1].Failures);
        Assert.Contains(FailureKind.IntroPhrase, checks[1].Failures);
        Assert.Contains("fox", checks[1].MissingWords);
        Assert.Equal(2, summary.Pairs);
        Assert.Equal(1, summary.Passing);
        Assert.Equal(1, summary.FailuresByKind[FailureKind.Imprecise]);
        Assert.Equal(2, summary.CoverageMeasured);
        Assert.Equal(2, Assert.Single(summary.LowestCoverage).Line);
        Assert.InRange(summary.MeanCoverage!.Value, 0.5, 0.65);
    }

    [Fact]
    public void A_query_in_another_language_is_checked_but_its_coverage_is_not_measured()
    {
        (string, SftRecord)[] pairs = [("b.jsonl", new SftRecord("un zorro rojo saltando sobre un lago helado al amanecer", FaithfulPrompt, 7))];

        var (checks, summary) = SftSetChecker.Check(pairs, new PrincipleChecker(), lowest: 5);

        Assert.Null(Assert.Single(checks).Coverage);
        Assert.Equal(0, summary.CoverageMeasured);
        Assert.Null(summary.MeanCoverage);
        Assert.Empty(summary.LowestCoverage);
    }
}
