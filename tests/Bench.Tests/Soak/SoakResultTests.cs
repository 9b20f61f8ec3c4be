using Vpo.Bench.Soak;

namespace Vpo.Bench.Tests.Soak;

public sealed class SoakResultTests
{
    [Fact]
    public void Start_and_end_are_the_medians_of_the_first_and_last_minute_so_one_swinging_sample_does_not_decide()
    {
        // Ten minutes sampled every 10 s: flat at 560 MB except a low first sample and a spike near the end.
        var samples = Enumerable.Range(0, 61).Select(i => new MemorySample(i * 10, i switch { 0 => 530, 57 => 640, _ => 560 })).ToList();

        var soak = new SoakResult(16, 100, 0, samples);

        Assert.Equal(560, soak.StartMegabytes);
        Assert.Equal(560, soak.EndMegabytes);
        Assert.Equal(0, soak.Growth, 6);
    }

    [Fact]
    public void Steady_growth_shows_as_growth()
    {
        var samples = Enumerable.Range(0, 61).Select(i => new MemorySample(i * 10, 500 + i)).ToList();

        var soak = new SoakResult(16, 100, 0, samples);

        Assert.Equal(502.5, soak.StartMegabytes); // median of the first six samples, 500..505
        Assert.Equal(557.5, soak.EndMegabytes); // median of the last six, 555..560
        Assert.True(soak.Growth > 0.10);
    }
}
