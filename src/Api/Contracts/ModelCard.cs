namespace Vpo.Api.Contracts;

/// <summary>A served model.</summary>
public sealed record ModelCard
{
    /// <summary>The model's name, as reported in <c>model</c> of every response.</summary>
    /// <example>vpo-optimizer</example>
    public required string Id { get; init; }

    /// <summary>Always <c>model</c>.</summary>
    /// <example>model</example>
    public string Object { get; init; } = "model";

    /// <summary>Who serves it.</summary>
    /// <example>vpo</example>
    public string OwnedBy { get; init; } = "vpo";

    /// <summary>The context window in tokens (prompt plus answer).</summary>
    /// <example>8192</example>
    public required int ContextLength { get; init; }

    /// <summary>The execution provider it runs on: <c>cpu</c> or <c>cuda</c>.</summary>
    /// <example>cpu</example>
    public required string Provider { get; init; }

    /// <summary>Whether the warm-up generation has run and the model takes traffic.</summary>
    /// <example>true</example>
    public required bool Ready { get; init; }
}
