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
            .WithDescription("The optimizer model this service runs, in the OpenAI list format (`id`, `object`, `created`, `owned_by`), " +
                             "with its context window, execution provider and readiness. Its `id` is the `model` that `/v1/chat/completions` accepts.");
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
                    Created = model.Folder.Created.ToUnixTimeSeconds(),
                    ContextLength = model.ContextLength,
                    Provider = model.Provider.ToString().ToLowerInvariant(),
                    Ready = readiness.IsReady,
                },
            ],
        });
    }
}
