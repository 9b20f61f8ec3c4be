using System.Text.Json;
using Vpo.Inference.Video;
using Vpo.Training.Construction.Critique;
using Vpo.Training.Construction.Llm;
using Vpo.Training.Construction.Merging;
using Vpo.Training.Construction.Reward;
using Vpo.Training.Construction.Sampling;
using Vpo.Training.Construction.Stages;
using Vpo.Training.Construction.Video;
using Vpo.Training.Data;
using Vpo.Training.Tests.Construction.Doubles;

namespace Vpo.Training.Tests.Construction.Merging;

public sealed class PreferencePipelineTests
{
    [Fact]
    public async Task Samples_critiques_refinements_videos_and_rewards_merge_into_one_pair_per_query()
    {
        using var folder = new TestFolder();
        await using var llm = await OpenAiChatServerDouble.StartAsync(JudgeScript.Answer);
        llm.Fail(ServerFault.TooManyRequests(retryAfterSeconds: 0));
        await using var video = await CogPredictionsServerDouble.StartAsync();
        video.Asynchronous = true;
        video.PollsBeforeDone = 1;
        video.FailCreate(ServerFault.ServerError);
        var firstAnswer = 0;
        await using var reward = await RewardServerDouble.StartAsync((text, questions) =>
            Interlocked.Exchange(ref firstAnswer, 1) == 0
                ? [.. questions.Select(_ => "maybe")]
                : [.. questions.Select(_ => text.Contains("take 0", StringComparison.Ordinal) ? "Yes." : " no")]);
        reward.Fail(ServerFault.Garbage("{\"answers\":[\"yes\"]}"));
        using var chat = LlmClientFactory.Create(TestSettings.Llm(llm.BaseUrl));
        var runner = TestSettings.Runner();
        var queries = new[] { "pp: a cat on a skateboard", "pp: a steady drone shot of a canyon", "pp: a steady lighthouse in a storm" };

        var samplesFile = StageFiles.For(folder.File("samples.jsonl"));
        var settings = new SamplingSettings();
        await runner.RunAsync(new SamplingStage(new ChatPromptSampler(chat, settings), settings), queries, samplesFile, CancellationToken.None);
        var samples = await JsonlReader.ReadAllAsync<SampleSet>(samplesFile.Output, CancellationToken.None);
        var critiquesFile = StageFiles.For(folder.File("critiques.jsonl"));
        await runner.RunAsync(new CritiqueStage(chat), samples.SelectMany(s => s.ToJudge()), critiquesFile, CancellationToken.None);
        var critiques = await JsonlReader.ReadAllAsync<CritiqueRecord>(critiquesFile.Output, CancellationToken.None);
        var refinementsFile = StageFiles.For(folder.File("refinements.jsonl"));
        await runner.RunAsync(new RefinementStage(chat), critiques.Where(c => !c.Aligned), refinementsFile, CancellationToken.None);
        var textPairs = TextPairBuilder.Build(await JsonlReader.ReadAllAsync<RefinementRecord>(refinementsFile.Output, CancellationToken.None), seed: 1);

        var renderedFile = StageFiles.For(folder.File("rendered.jsonl"));
        var videos = folder.File("videos");
        using (var generator = new CogPredictionsClient(new CogPredictionsOptions { BaseUrl = video.BaseUrl, PollInterval = TimeSpan.FromMilliseconds(10), Http = TestSettings.FastHttp() }))
        using (var downloader = new VideoDownloader(TestSettings.FastHttp()))
        {
            var aligned = critiques.Where(c => c.Aligned).Select(c => new PromptToRender(c.Key, c.Query, c.Sample!.Value, c.Prompt));
            await runner.RunAsync(new RenderStage(generator, downloader, videos), aligned, renderedFile, CancellationToken.None);
        }

        var rendered = await JsonlReader.ReadAllAsync<RenderedVideo>(renderedFile.Output, CancellationToken.None);
        var rewardsFile = StageFiles.For(folder.File("rewards.jsonl"));
        using (var client = new VisionRewardClient(new VisionRewardOptions { Endpoint = reward.Endpoint, Http = TestSettings.FastHttp() }))
        {
            await runner.RunAsync(new RewardStage(client, VisionRewardChecklist.Default, videos, preferSourceUrl: true), rendered, rewardsFile, CancellationToken.None);
        }

        var rewards = await JsonlReader.ReadAllAsync<VideoReward>(rewardsFile.Output, CancellationToken.None);
        var videoPairs = VideoPairBuilder.Build(rewards);
        var (merged, duplicates) = PreferenceMerger.Merge([textPairs, videoPairs], seed: 1);
        await FinalFile.WriteJsonlAsync(folder.File("dpo.jsonl"), merged, CancellationToken.None);

        var trainable = await PreferenceDataReader.ReadAsync(folder.File("dpo.jsonl"), CancellationToken.None);
        Assert.Equal([PreferenceSource.Text, PreferenceSource.Video, PreferenceSource.Video], trainable.Select(p => p.Source).Order());

        // Sampling: four samples per query at the authors' temperature and top-p, trimmed.
        Assert.All(samples, s => Assert.Equal(4, s.Samples.Count));
        Assert.All(samples.SelectMany(s => s.Samples), s => Assert.Equal(s.Trim(), s));
        Assert.All(llm.Calls.Where(c => c.Messages.Count == 1), c => Assert.Equal((0.9, 0.9), (Math.Round(c.Temperature!.Value, 3), Math.Round(c.TopP!.Value, 3))));
        // Only the samples that passed the text-level check were rendered (2 + 4 + 4), and each video is on disk.
        Assert.Equal(10, rendered.Count);
        Assert.All(rendered, r => Assert.True(File.Exists(Path.Combine(videos, r.Video))));
        Assert.All(rewards, r => Assert.Equal(r.Prompt.Contains("take 0", StringComparison.Ordinal) ? VisionRewardChecklist.Default.Weights.Sum() : 0, r.Score, 9));
        // The garbage answers were logged and asked again, never fatal.
        Assert.Equal(2, File.ReadAllLines(rewardsFile.Failures).Length);
        Assert.Equal(10, rewards.Count);
        // Text-level for the cat (its sloppy samples were refined), video-level for the two steady queries.
        Assert.Equal(1, duplicates);
        var lines = File.ReadAllLines(folder.File("dpo.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(queries.Order(), lines.Select(l => l.GetProperty("query").GetString()).Order());
        var cat = lines.Single(l => l.GetProperty("query").GetString() == queries[0]);
        Assert.Equal("text", cat.GetProperty("source").GetString());
        Assert.Contains("precise", cat.GetProperty("chosen").GetString(), StringComparison.Ordinal);
        Assert.Contains("sloppy", cat.GetProperty("rejected").GetString(), StringComparison.Ordinal);
        Assert.All(lines.Where(l => l.GetProperty("query").GetString() != queries[0]), l =>
        {
            Assert.Equal("video", l.GetProperty("source").GetString());
            Assert.Contains("take 0", l.GetProperty("chosen").GetString(), StringComparison.Ordinal);
        });
    }
}
