namespace Vpo.Training.Evaluation.Chat;

/// <summary>
/// A published prompt template with positional <c>{}</c> slots (as in the paper's figures), filled in order.
/// Values are inserted verbatim, so a query that itself contains <c>{}</c> cannot shift the slots.
/// </summary>
public sealed class PromptTemplate
{
    private readonly string[] _parts;

    /// <summary>Wraps a template text; <paramref name="name"/> names it in errors.</summary>
    public PromptTemplate(string name, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(text);
        Name = name;
        _parts = text.Split("{}");
    }

    /// <summary>The template's name (its resource file).</summary>
    public string Name { get; }

    /// <summary>How many <c>{}</c> slots the template has.</summary>
    public int SlotCount => _parts.Length - 1;

    /// <summary>The template shipped in the assembly as <paramref name="resourceName"/>.</summary>
    public static PromptTemplate FromResource(string resourceName) => new(resourceName, ResourceText.ReadTemplate(resourceName));

    /// <summary>Fills the slots in order.</summary>
    /// <exception cref="ArgumentException">The number of values differs from <see cref="SlotCount"/>.</exception>
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
