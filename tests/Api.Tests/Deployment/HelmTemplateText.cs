using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>
/// Reads a Helm template as text, without rendering it (no helm binary is available here): the values it refers to,
/// the helpers it includes or defines, its control blocks, and its YAML skeleton — the template with every action
/// removed, which must still be YAML with the resource's static structure.
/// </summary>
internal static partial class HelmTemplateText
{
    /// <summary>Every <c>.Values.a.b</c> (or <c>$.Values.a.b</c>) path the text refers to, as <c>a.b</c>.</summary>
    public static IReadOnlySet<string> ValuePaths(string template) =>
        ValueReference().Matches(WithoutComments(template)).Select(match => match.Groups["path"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Names given to <c>include</c> or <c>template</c>.</summary>
    public static IReadOnlySet<string> Included(string template) =>
        IncludeReference().Matches(WithoutComments(template)).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Names of <c>define</c> blocks.</summary>
    public static IReadOnlySet<string> Defined(string template) =>
        Definition().Matches(WithoutComments(template)).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Opened blocks (if, with, range, define, block) minus closed ones, in text order; negative on a stray end.</summary>
    public static int UnclosedBlocks(string template)
    {
        var depth = 0;
        foreach (Match action in Action().Matches(WithoutComments(template)))
        {
            var body = action.Groups["body"].Value.Trim();
            if (BlockOpener().IsMatch(body))
            {
                depth++;
            }
            else if (body == "end")
            {
                depth--;
                if (depth < 0)
                {
                    return depth;
                }
            }
        }

        return depth;
    }

    /// <summary>
    /// The template with its actions taken out: a line holding only actions is dropped, an action within text
    /// becomes <c>x</c>. Parsed as YAML, one node per document.
    /// </summary>
    public static IReadOnlyList<YamlMappingNode> Skeleton(string template)
    {
        var lines = new List<string>();
        foreach (var line in WithoutComments(template).Split('\n'))
        {
            if (!line.Contains("{{", StringComparison.Ordinal))
            {
                lines.Add(line);
                continue;
            }

            Assert.True(line.Split("{{").Length == line.Split("}}").Length, $"an action spans lines: {line}");
            var text = Action().Replace(line, string.Empty);
            if (!string.IsNullOrWhiteSpace(text))
            {
                lines.Add(Action().Replace(line, "x"));
            }
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(string.Join('\n', lines)));
        return [.. stream.Documents.Where(document => document.RootNode is not YamlScalarNode { Value: null or "" }).Select(document => Assert.IsType<YamlMappingNode>(document.RootNode))];
    }

    private static string WithoutComments(string template) => Comment().Replace(template, string.Empty);

    [GeneratedRegex(@"\{\{-?\s*/\*.*?\*/\s*-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\{\{-?(?<body>.*?)-?\}\}")]
    private static partial Regex Action();

    [GeneratedRegex(@"^(if|with|range|define|block)\b")]
    private static partial Regex BlockOpener();

    [GeneratedRegex(@"(?<![\w\]\)])\$?\.Values\.(?<path>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValueReference();

    [GeneratedRegex(@"\b(include|template)\s+""(?<name>[^""]+)""")]
    private static partial Regex IncludeReference();

    [GeneratedRegex(@"\{\{-?\s*define\s+""(?<name>[^""]+)""")]
    private static partial Regex Definition();
}
