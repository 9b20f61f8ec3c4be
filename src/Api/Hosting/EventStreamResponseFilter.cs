using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Vpo.Api.Hosting;

/// <summary>
/// Documents the 200 response of endpoints marked with <see cref="EventStreamResponse"/> with both its content types:
/// the JSON body and the event stream. The API explorer keeps one response type per status code, so the two cannot
/// both be declared with <c>Produces</c>.
/// </summary>
public sealed class EventStreamResponseFilter : IOperationFilter
{
    /// <summary>The media type of server-sent events.</summary>
    public const string MediaType = "text/event-stream";

    /// <inheritdoc />
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var stream = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EventStreamResponse>().FirstOrDefault();
        if (stream is null || operation.Responses is null || !operation.Responses.TryGetValue("200", out var ok) || ok is not OpenApiResponse response)
        {
            return;
        }

        response.Content = new Dictionary<string, IOpenApiMediaType>
        {
            ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(stream.BodyType, context.SchemaRepository) },
            [MediaType] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(stream.EventType, context.SchemaRepository) },
        };
        response.Description = "The answer: one JSON body, or with `Accept: text/event-stream` (or `\"stream\": true`) server-sent events " +
                               "whose `data:` lines hold the event objects, ending with `data: [DONE]`.";
    }
}
