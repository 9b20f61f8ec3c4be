using System.Text;
using System.Text.RegularExpressions;

namespace Vpo.Api.Tests.Deployment;

/// <summary>One Dockerfile instruction: its keyword (upper case), its arguments and the stage it belongs to.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, string? Stage, int Line);

/// <summary>A build stage: <c>FROM image AS name</c>, the image as written and with build-argument defaults filled in.</summary>
internal sealed record DockerStage(string? Name, string Image, string ResolvedImage, int Index);

/// <summary>
/// The instructions of a Dockerfile, read the way the Docker builder reads them: comments dropped, lines joined at
/// backslash continuations, <c>ARG</c> defaults before the first <c>FROM</c> substituted into <c>FROM</c> lines. No
/// library for this is served here, and the tests need only this much of the grammar.
/// </summary>
internal sealed partial class DockerfileDocument
{
    private DockerfileDocument(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages, IReadOnlyDictionary<string, string> globalArguments)
    {
        Instructions = instructions;
        Stages = stages;
        GlobalArguments = globalArguments;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary><c>ARG name=default</c> declared before the first <c>FROM</c>.</summary>
    public IReadOnlyDictionary<string, string> GlobalArguments { get; }

    /// <summary>The stage <c>docker build</c> produces without <c>--target</c>: the last one.</summary>
    public DockerStage FinalStage => Stages[^1];

    public static DockerfileDocument Load(string path) => Parse(File.ReadAllText(path));

    public static DockerfileDocument Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var stages = new List<DockerStage>();
        var globals = new Dictionary<string, string>(StringComparer.Ordinal);
        string? stage = null;
        var pending = new StringBuilder();
        var startLine = 0;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('#') || (pending.Length == 0 && trimmed.Length == 0))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                startLine = index + 1;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            var whole = pending.ToString().Trim();
            pending.Clear();
            if (whole.Length == 0)
            {
                continue;
            }

            var split = whole.IndexOfAny([' ', '\t']);
            var keyword = (split < 0 ? whole : whole[..split]).ToUpperInvariant();
            var arguments = split < 0 ? string.Empty : whole[(split + 1)..].Trim();
            if (keyword == "FROM")
            {
                var from = FromPattern().Match(arguments);
                if (!from.Success)
                {
                    throw new FormatException($"line {startLine}: cannot read FROM {arguments}");
                }

                stage = from.Groups["name"].Success ? from.Groups["name"].Value : null;
                var image = from.Groups["image"].Value;
                stages.Add(new DockerStage(stage, image, Substitute(image, globals), stages.Count));
            }
            else if (keyword == "ARG" && stages.Count == 0)
            {
                var equals = arguments.IndexOf('=', StringComparison.Ordinal);
                globals[equals < 0 ? arguments : arguments[..equals]] = equals < 0 ? string.Empty : arguments[(equals + 1)..];
            }

            instructions.Add(new DockerInstruction(keyword, arguments, stage, startLine));
        }

        return new DockerfileDocument(instructions, stages, globals);
    }

    /// <summary>The instructions of the stage named <paramref name="stage"/>.</summary>
    public IReadOnlyList<DockerInstruction> InstructionsOf(string? stage) =>
        [.. Instructions.Where(instruction => instruction.Stage == stage && instruction.Keyword != "FROM")];

    /// <summary>The stage named <paramref name="name"/>.</summary>
    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(stage => stage.Name == name) ?? throw new InvalidOperationException($"no stage named {name}");

    /// <summary>Replaces <c>${NAME}</c> and <c>$NAME</c> by the values in <paramref name="arguments"/>.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> arguments) =>
        VariablePattern().Replace(text, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
            return arguments.TryGetValue(name, out var value) ? value : match.Value;
        });

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariablePattern();
}
