using Vpo.Inference.Generation;

namespace Vpo.Inference.Streaming;

/// <summary>What one of several streamed answers did: gained text, or ended.</summary>
/// <param name="Key">Which answer (a choice, or a query's iteration).</param>
/// <param name="Delta">Text the answer gained (empty in the update that ends it).</param>
/// <param name="Finished">The answer once it has ended; <c>null</c> while it grows.</param>
public sealed record ProgressUpdate<TKey>(TKey Key, string Delta, GenerationResult? Finished);
