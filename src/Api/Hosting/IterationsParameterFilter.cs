using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Vpo.Api.Hosting;

/// <summary>
/// Documents <c>iterations</c> as the integer 1–5 it is. The handler binds it as text so that a non-number gets a
/// problem-details 400 naming the field instead of the framework's bare 400.
/// </summary>
public sealed class IterationsParameterFilter : IOperationFilter
{
    /// <inheritdoc />
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(operation);
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name == "iterations")
            {
                parameter.Description = "Refinement iterations, 1 to 5 (default 1). Each optimized prompt is fed back as the next " +
                                        "query; refinement stops early when an iteration returns its input unchanged.";
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "5", Default = System.Text.Json.Nodes.JsonValue.Create(1) };
            }
        }
    }
}
