using Vpo.Training.Evaluation.Checks;
using Vpo.Training.Evaluation.Judging;

namespace Vpo.Training.Evaluation.Running;

/// <summary>One line of <c>results.jsonl</c>: one optimizer on one query, with the checks and the judge's verdict.</summary>
/// <param name="Optimizer">The optimizer's name.</param>
/// <param name="Index">The query's position in the query file.</param>
/// <param name="QueryHash">A hash of the query, so a resumed run notices a different query file.</param>
/// <param name="Query">The query.</param>
/// <param name="Output">The optimized prompt; null when the optimizer failed.</param>
/// <param name="Error">Why the optimizer failed.</param>
/// <param name="ElapsedMs">How long the optimizer took.</param>
/// <param name="Checks">The automatic principle checks.</param>
/// <param name="Judge">The LLM judge's verdict, when a judge is configured.</param>
public sealed record EvaluationRecord(
    string Optimizer,
    int Index,
    string QueryHash,
    string Query,
    string? Output,
    string? Error,
    double ElapsedMs,
    PrincipleReport? Checks,
    JudgeVerdict? Judge)
{
    /// <summary>A short, stable hash of a query (SHA-256, first 16 hex digits).</summary>
    public static string HashOf(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query));
        return Convert.ToHexStringLower(bytes)[..16];
    }
}
