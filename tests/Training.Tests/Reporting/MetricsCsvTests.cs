using Vpo.Training.Loops;
using Vpo.Training.Reporting;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Reporting;

public sealed class MetricsCsvTests
{
    private static readonly string[] DpoMetrics = ["reward_accuracy", "margin"];

    [Fact]
    public void Rows_are_appended_under_one_header_and_read_back_as_loss_points()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("metrics.csv");
        using (var writer = new MetricsCsvWriter(path, DpoMetrics))
        {
            writer.Write(new StepMetrics(1, 1, 5e-7, 0.6931, 1.5, 4096, 812.5, new Dictionary<string, double> { ["reward_accuracy"] = 0.5, ["margin"] = 0.01 }));
            writer.Write(new EvaluationMetrics(1, 1, 0.69, new Dictionary<string, double> { ["reward_accuracy"] = 0.75, ["margin"] = 0.02 }));
        }

        // A resumed run appends to the same file.
        using (var writer = new MetricsCsvWriter(path, DpoMetrics))
        {
            writer.Write(new StepMetrics(2, 1, 4e-7, 0.65, 1.2, 4000, 800, new Dictionary<string, double> { ["reward_accuracy"] = 1, ["margin"] = 0.1 }));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal("kind,step,epoch,learning_rate,loss,grad_norm,tokens,tokens_per_second,reward_accuracy,margin", lines[0]);
        Assert.Equal("train,1,1,5E-07,0.6931,1.5,4096,812.5,0.5,0.01", lines[1]);
        Assert.Equal("eval,1,1,,0.69,,,,0.75,0.02", lines[2]);
        Assert.Equal(4, lines.Length);

        var (train, eval) = MetricsCsvReader.ReadLosses(path);
        Assert.Equal([(1L, 0.6931), (2L, 0.65)], train);
        Assert.Equal([(1L, 0.69)], eval);
    }

    [Fact]
    public void Appending_a_different_kind_of_run_is_refused()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine("metrics.csv");
        new MetricsCsvWriter(path, []).Dispose();

        var error = Assert.Throws<InvalidOperationException>(() => new MetricsCsvWriter(path, DpoMetrics));

        Assert.Contains("new output folder", error.Message);
    }

    [Theory]
    [InlineData("loss.png", new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData("loss.svg", new byte[] { (byte)'<' })]
    public void The_loss_curve_is_drawn_as_an_image(string name, byte[] magic)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.Combine(name);
        var train = Enumerable.Range(1, 120).Select(i => ((long)i, 5.0 / Math.Sqrt(i))).ToList();

        LossCurvePlot.Save(path, "sft loss", train, [(40L, 1.1), (80L, 0.8), (120L, 0.7)]);

        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000);
        Assert.Equal(magic, bytes[..magic.Length]);
        Assert.Single(Directory.EnumerateFiles(folder.Path));
    }
}
