using Microsoft.AspNetCore.Http.HttpResults;
using Vpo.Api.Contracts;
using Vpo.Inference.Generation;

namespace Vpo.Api.Endpoints;

/// <summary><c>GET /v1/models</c>: the served model.</summary>
public static class ModelEndpoints
{
    /// <summary>Maps <c>GET /v1/models</c>.</summary>
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/v1/models", ListModels)
            .WithName("ListModels")
            .WithTags("Models")
            .WithSummary("List the served model.")
            .WithDescription("The optimizer model this service runs, its context window, execution provider and readiness.");
        return endpoints;
    }

    /// <summary>Lists the served model.</summary>
    public static Ok<ModelList> ListModels(OnnxModelHost model, ModelReadiness readiness)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(readiness);
        return TypedResults.Ok(new ModelList
        {
            Data =
            [
                new ModelCard
                {
                    Id = model.Name,
                    ContextLength = model.ContextLength,
                    Provider = model.Provider.ToString().ToLowerInvariant(),
                    Ready = readiness.IsReady,
                },
            ],
        });
    }
}
