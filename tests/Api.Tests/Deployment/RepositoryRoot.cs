namespace Vpo.Api.Tests.Deployment;

/// <summary>The checkout the tests run from: the nearest folder above the test binaries that holds VPO.sln.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Folder = new(Find);

    /// <summary>The absolute path of the repository's root folder.</summary>
    public static string Path => Folder.Value;

    /// <summary>The absolute path of <paramref name="relative"/> (forward slashes) under the repository root.</summary>
    public static string Combine(string relative) =>
        System.IO.Path.Combine([Path, .. relative.Split('/', StringSplitOptions.RemoveEmptyEntries)]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "VPO.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no VPO.sln above {AppContext.BaseDirectory}");
    }
}
