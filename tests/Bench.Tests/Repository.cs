namespace Vpo.Bench.Tests;

/// <summary>The checkout the tests run in, and the service build that <c>scripts/test.sh</c> makes before them.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Vpo.Api apphost of the configuration these tests were built in.</summary>
    public static string ServiceApphost =>
        Path.Combine(Root, "src", "Api", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Vpo.Api");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "VPO.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
