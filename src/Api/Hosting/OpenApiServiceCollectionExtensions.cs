using System.Reflection;
using Microsoft.OpenApi;

namespace Vpo.Api.Hosting;

/// <summary>The OpenAPI document (<c>/swagger/v1/swagger.json</c>) and Swagger UI (<c>/swagger</c>).</summary>
public static class OpenApiServiceCollectionExtensions
{
    /// <summary>Generates the document from the endpoints, with descriptions and examples from the XML docs.</summary>
    public static IServiceCollection AddVpoOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "VPO video prompt optimizer",
                Version = "v1",
                Description = "Turns short user queries for text-to-video models into detailed, faithful and safe video prompts " +
                              "(VPO: Aligning Text-to-Video Generation Models with Prompt Optimization).",
            });
            options.IncludeXmlComments(Assembly.GetExecutingAssembly());
            options.OperationFilter<IterationsParameterFilter>();
            options.OperationFilter<EventStreamResponseFilter>();
            options.OperationFilter<IdempotencyKeyHeaderFilter>();
        });
        return services;
    }

    /// <summary>Serves the document and the UI.</summary>
    public static WebApplication UseVpoOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "VPO optimizer API");
        return app;
    }
}
