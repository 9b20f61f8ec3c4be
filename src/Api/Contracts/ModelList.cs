namespace Vpo.Api.Contracts;

/// <summary>The served models, in the list shape OpenAI-style clients read.</summary>
public sealed record ModelList
{
    /// <summary>Always <c>list</c>.</summary>
    /// <example>list</example>
    public string Object { get; init; } = "list";

    /// <summary>The served models (one).</summary>
    public required IReadOnlyList<ModelCard> Data { get; init; }
}
