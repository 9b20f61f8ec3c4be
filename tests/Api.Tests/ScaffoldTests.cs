namespace Vpo.Api.Tests;

public sealed class ScaffoldTests
{
    [Fact]
    public void Project_builds() => Assert.True(true);
}
