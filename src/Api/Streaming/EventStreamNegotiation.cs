namespace Vpo.Api.Streaming;

/// <summary>Whether a client asked for server-sent events rather than one JSON body.</summary>
internal static class EventStreamNegotiation
{
    /// <summary>True when the request accepts <c>text/event-stream</c>.</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accepted => accepted.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase) && accepted.Quality is not 0);
}
