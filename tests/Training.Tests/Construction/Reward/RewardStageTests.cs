using Vpo.Training.Construction.Reward;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Construction.Video;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Reward;

public sealed class RewardStageTests
{
    [Fact]
    public async Task Saved_videos_are_sent_as_data_and_garbage_answers_are_asked_again()
    {
        using var folder = new TestFolder();
        await using var reward = await RewardServerDouble.StartAsync((text, questions) => [.. questions.Select((_, i) => i % 2 == 0 ? "YES" : "No.")]);
        reward.Fail(ServerFault.Garbage("definitely not json"));
        reward.Fail(ServerFault.TooManyRequests(retryAfterSeconds: 0));
        await File.WriteAllTextAsync(folder.File("k1.mp4"), "VIDEO:a saved fox", TestContext.Current.CancellationToken);
        // The source URL points nowhere: only the saved file can be what the endpoint saw.
        RenderedVideo[] rendered = [new("k1", "rs: a fox", 0, "A fox.", "k1.mp4", "http://127.0.0.1:9/expired.mp4", "p1", 17)];
        using var client = new VisionRewardClient(new VisionRewardOptions { Endpoint = reward.Endpoint, Http = TestSettings.FastHttp() });
        var files = StageFiles.For(folder.File("rewards.jsonl"));

        var summary = await TestSettings.Runner().RunAsync(new RewardStage(client, VisionRewardChecklist.Default, folder.Path), rendered, files, CancellationToken.None);

        Assert.Equal(1, summary.Completed);
        var (video, questions) = Assert.Single(reward.Asked);
        Assert.Equal("VIDEO:a saved fox", video);
        Assert.Equal("Does the video meet all the requirements stated in the text \"rs: a fox\"?", questions[0]);
        var scored = Assert.Single(await JsonlReader.ReadAllAsync<VideoReward>(files.Output, CancellationToken.None));
        var weights = VisionRewardChecklist.Default.Weights;
        Assert.Equal(Enumerable.Range(0, 64).Where(i => i % 2 == 0).Sum(i => weights[i]), scored.Score, 9);
        Assert.Equal("YES", scored.Answers[0]);
        Assert.Contains("not JSON", File.ReadAllText(files.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_video_file_fails_its_item_with_the_path()
    {
        using var folder = new TestFolder();
        await using var reward = await RewardServerDouble.StartAsync((_, questions) => [.. questions.Select(_ => "yes")]);
        RenderedVideo[] rendered = [new("k2", "rs: an owl", 1, "An owl.", "k2.mp4", null, null, 3)];
        using var client = new VisionRewardClient(new VisionRewardOptions { Endpoint = reward.Endpoint, Http = TestSettings.FastHttp() });
        var files = StageFiles.For(folder.File("rewards.jsonl"));

        var summary = await TestSettings.Runner().RunAsync(new RewardStage(client, VisionRewardChecklist.Default, folder.Path), rendered, files, CancellationToken.None);

        Assert.Equal(1, summary.Failed);
        Assert.Contains("k2.mp4", File.ReadAllText(files.Failures), StringComparison.Ordinal);
        Assert.Empty(reward.Asked);
    }
}
