namespace Vpo.Api.Hosting;

/// <summary>
/// Endpoint metadata: the endpoint answers 200 either with one <see cref="BodyType"/> JSON body or, when asked, with
/// server-sent events whose <c>data:</c> lines hold <see cref="EventType"/> objects (both documented by
/// <see cref="EventStreamResponseFilter"/>).
/// </summary>
/// <param name="BodyType">The type of the whole JSON answer.</param>
/// <param name="EventType">The type of one event's payload.</param>
public sealed record EventStreamResponse(Type BodyType, Type EventType);
