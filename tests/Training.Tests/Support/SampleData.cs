using Vpo.Training.Data;

namespace Vpo.Training.Tests.Support;

/// <summary>Small, varied SFT and preference records for trainer tests.</summary>
internal static class SampleData
{
    private static readonly string[] Subjects = ["a red fox", "an old sailor", "two kittens", "a glass city", "a desert storm", "a paper boat", "a neon tiger", "a snowy owl", "a steam train", "a jazz band"];
    private static readonly string[] Actions = ["runs through", "sings beside", "sleeps under", "glows above", "drifts across", "dances inside", "waits near", "climbs over", "rolls past", "shines within"];
    private static readonly string[] Places = ["a misty forest", "the harbor at dawn", "a quiet library", "a neon street", "golden dunes", "a rainy window", "a frozen lake", "a busy market", "green hills", "a moonlit stage"];

    public static IReadOnlyList<SftRecord> Sft(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new SftRecord(
                $"{Subjects[i % 10]} {Actions[(i / 2) % 10]}",
                $"Cinematic shot: {Subjects[i % 10]} {Actions[(i / 2) % 10]} {Places[(i * 3) % 10]} , soft light , slow camera pan .",
                i + 1))
            .ToList();

    public static IReadOnlyList<PreferenceRecord> Preferences(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new PreferenceRecord(
                $"{Subjects[i % 10]} in {Places[(i * 7) % 10]}",
                $"Wide shot of {Subjects[i % 10]} in {Places[(i * 7) % 10]} , warm light , gentle motion .",
                $"{Subjects[(i + 3) % 10]} maybe somewhere , blurry , {Actions[i % 10]} nothing .",
                i % 2 == 0 ? PreferenceSource.Text : PreferenceSource.Video,
                i + 1))
            .ToList();
}
