namespace Vpo.Inference.Tests;

public sealed class ScaffoldTests
{
    [Fact]
    public void Project_builds() => Assert.True(true);
}
