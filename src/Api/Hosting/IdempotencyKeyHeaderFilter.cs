using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Vpo.Api.Endpoints;

namespace Vpo.Api.Hosting;

/// <summary>
/// Documents the optional <c>Idempotency-Key</c> header of <c>POST /videos</c>; the handler reads it from the request
/// so that a bad key gets a problem-details 400 naming the header.
/// </summary>
public sealed class IdempotencyKeyHeaderFilter : IOperationFilter
{
    /// <inheritdoc />
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId != "CreateVideo")
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = VideoEndpoints.IdempotencyKeyHeader,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes retries safe: a request with a key seen before answers that job (with `Idempotent-Replayed: true`) " +
                          "and submits nothing; the same key with another body gets 422. 1 to 255 printable characters, e.g. a UUID.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = VideoEndpoints.MaxIdempotencyKeyLength },
        });
    }
}
