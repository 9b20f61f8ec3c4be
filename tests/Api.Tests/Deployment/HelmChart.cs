using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace Vpo.Api.Tests.Deployment;

/// <summary>The chart in helm/vpo as files: Chart.yaml, values.yaml (as YAML and as JSON), the schema and the templates.</summary>
internal sealed class HelmChart
{
    public const string Folder = "helm/vpo";

    private HelmChart(string path, YamlMappingNode chart, YamlMappingNode values, JsonSchema schema, IReadOnlyDictionary<string, string> templates)
    {
        Path = path;
        Chart = chart;
        Values = values;
        Schema = schema;
        Templates = templates;
    }

    public string Path { get; }

    public YamlMappingNode Chart { get; }

    public YamlMappingNode Values { get; }

    public JsonSchema Schema { get; }

    /// <summary>Template file name (e.g. <c>deployment.yaml</c>, <c>_helpers.tpl</c>) to its text.</summary>
    public IReadOnlyDictionary<string, string> Templates { get; }

    public static HelmChart Load()
    {
        var path = RepositoryRoot.Combine(Folder);
        var templates = Directory.EnumerateFiles(System.IO.Path.Combine(path, "templates"))
            .ToDictionary(file => System.IO.Path.GetFileName(file), File.ReadAllText, StringComparer.Ordinal);
        return new HelmChart(
            path,
            LoadYaml(System.IO.Path.Combine(path, "Chart.yaml")),
            LoadYaml(System.IO.Path.Combine(path, "values.yaml")),
            // A registry of its own: the global one refuses a second registration of the same file's schema.
            JsonSchema.FromFile(System.IO.Path.Combine(path, "values.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }),
            templates);
    }

    /// <summary>Reads a one-document YAML file whose root is a mapping.</summary>
    public static YamlMappingNode LoadYaml(string path)
    {
        using var reader = new StreamReader(path);
        return ParseYaml(reader);
    }

    public static YamlMappingNode ParseYaml(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        var document = Assert.Single(stream.Documents);
        return Assert.IsType<YamlMappingNode>(document.RootNode);
    }

    /// <summary>Validates YAML values against the chart's schema the way <c>helm lint</c> does.</summary>
    public EvaluationResults Validate(YamlMappingNode values) =>
        Schema.Evaluate(
            System.Text.Json.JsonSerializer.SerializeToElement(YamlJson.ToJson(values)),
            new EvaluationOptions { OutputFormat = OutputFormat.List });

    /// <summary>The node at a dotted path (<c>probes.liveness.path</c>), or null when a key is missing.</summary>
    public static YamlNode? Find(YamlMappingNode root, string dottedPath)
    {
        YamlNode current = root;
        foreach (var key in dottedPath.Split('.'))
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>The text of the scalar at <paramref name="dottedPath"/>.</summary>
    public static string? Scalar(YamlMappingNode root, string dottedPath) => (Find(root, dottedPath) as YamlScalarNode)?.Value;

    /// <summary>
    /// Values laid over the chart's defaults as Helm does: mappings merge key by key, anything else replaces.
    /// </summary>
    public YamlMappingNode WithOverrides(YamlMappingNode overrides) => Merge(Values, overrides);

    /// <summary>Every leaf of <paramref name="node"/> as a dotted path (empty mappings and sequences are leaves).</summary>
    public static IEnumerable<string> LeafPaths(YamlMappingNode node, string prefix = "")
    {
        foreach (var (key, value) in node.Children)
        {
            var path = prefix + ((YamlScalarNode)key).Value;
            if (value is YamlMappingNode { Children.Count: > 0 } mapping)
            {
                foreach (var leaf in LeafPaths(mapping, path + "."))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>Parses YAML text into a mapping.</summary>
    public static YamlMappingNode Yaml(string text) => ParseYaml(new StringReader(text));

    /// <summary>The values as the JSON the schema sees.</summary>
    public static JsonNode? Json(YamlMappingNode values) => YamlJson.ToJson(values);

    private static YamlMappingNode Merge(YamlMappingNode defaults, YamlMappingNode overrides)
    {
        var merged = new YamlMappingNode();
        foreach (var (key, value) in defaults.Children)
        {
            merged.Add(key, value);
        }

        foreach (var (key, value) in overrides.Children)
        {
            merged.Children[key] = merged.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode left && value is YamlMappingNode right
                ? Merge(left, right)
                : value;
        }

        return merged;
    }
}
