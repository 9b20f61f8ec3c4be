namespace Vpo.Inference.Generation;

/// <summary>One query to optimize with the given search options.</summary>
/// <param name="Query">The user's query, exactly as written (flags included).</param>
/// <param name="Options">The search options; see <see cref="SamplingOptions"/>.</param>
public sealed record GenerationRequest(string Query, SamplingOptions Options);
