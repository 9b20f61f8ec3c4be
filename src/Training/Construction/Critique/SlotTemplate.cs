namespace Vpo.Training.Construction.Critique;

/// <summary>
/// A published prompt with positional <c>{}</c> slots (Python's <c>str.format</c> style of the figures), filled in
/// order. Values go in verbatim: a query that itself holds <c>{}</c> cannot shift the slots.
/// </summary>
public sealed class SlotTemplate
{
    private readonly string[] _parts;

    /// <summary>Wraps <paramref name="text"/>; <paramref name="name"/> names it in errors.</summary>
    public SlotTemplate(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        _parts = text.Split("{}");
    }

    /// <summary>The template's name.</summary>
    public string Name { get; }

    /// <summary>The number of <c>{}</c> slots.</summary>
    public int SlotCount => _parts.Length - 1;

    /// <summary>The template shipped as resource <paramref name="fileName"/>.</summary>
    public static SlotTemplate FromResource(string fileName) => new(fileName, ConstructionResources.ReadPrompt(fileName));

    /// <summary>Fills the slots in order.</summary>
    /// <exception cref="ArgumentException">The number of values is not <see cref="SlotCount"/>.</exception>
    public string Format(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != SlotCount)
        {
            throw new ArgumentException($"Template '{Name}' has {SlotCount} slots but {values.Length} values were given.", nameof(values));
        }

        var builder = new System.Text.StringBuilder(_parts[0]);
        for (var i = 0; i < values.Length; i++)
        {
            builder.Append(values[i]).Append(_parts[i + 1]);
        }

        return builder.ToString();
    }
}
