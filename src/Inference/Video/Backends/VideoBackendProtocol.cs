namespace Vpo.Inference.Video.Backends;

/// <summary>The wire protocols a video backend can speak.</summary>
public enum VideoBackendProtocol
{
    /// <summary>
    /// The Cog HTTP API that Cog containers serve (CogVideoX community packages among them): an idempotent
    /// <c>PUT /predictions/{id}</c> with a client-chosen id, <c>POST /predictions/{id}/cancel</c>.
    /// </summary>
    CogPredictions,

    /// <summary>OpenAI's Videos API: <c>POST /v1/videos</c>, <c>GET /v1/videos/{id}</c>, <c>GET /v1/videos/{id}/content</c>, <c>DELETE /v1/videos/{id}</c>.</summary>
    OpenAiVideos,
}
