using Microsoft.Extensions.FileSystemGlobbing;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// The patterns of a <c>.dockerignore</c>: a path is left out of the build context when a pattern matches it or one
/// of its parent folders (the Docker builder skips a whole excluded folder), unless a later <c>!</c> pattern
/// brings it back.
/// </summary>
internal sealed class DockerIgnore
{
    private const string Root = "/context";
    private readonly IReadOnlyList<(bool Exception, Matcher Matcher)> _rules;

    private DockerIgnore(IReadOnlyList<(bool, Matcher)> rules) => _rules = rules;

    public static DockerIgnore Load(string path) => Parse(File.ReadAllLines(path));

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        var rules = new List<(bool, Matcher)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exception = line.StartsWith('!');
            var pattern = (exception ? line[1..] : line).Trim('/');
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(pattern);
            matcher.AddInclude(pattern + "/**");
            rules.Add((exception, matcher));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether <paramref name="relativePath"/> (forward slashes, from the context root) is left out.</summary>
    public bool Excludes(string relativePath)
    {
        var full = $"{Root}/{relativePath.TrimStart('/')}";
        var excluded = false;
        foreach (var (exception, matcher) in _rules)
        {
            if (matcher.Match(Root, [full]).HasMatches)
            {
                excluded = !exception;
            }
        }

        return excluded;
    }
}
