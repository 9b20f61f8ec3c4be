using Vpo.Api.Contracts;
using Vpo.Inference.Video.Backends;
using Vpo.Inference.Video.Jobs;

namespace Vpo.Api.Endpoints;

/// <summary>Maps stored jobs and backends to the response contracts.</summary>
internal static class VideoResponses
{
    public static string Location(string id) => $"/videos/{id}";

    public static VideoJobResponse Job(VideoJob job) => new()
    {
        Id = job.Id,
        Status = job.Status,
        Backend = job.Backend,
        Query = job.Query,
        Prompt = job.Prompt,
        Parameters = new VideoOptions
        {
            AspectRatio = job.Settings.AspectRatio,
            NegativePrompt = job.Settings.NegativePrompt,
            Fps = job.Settings.Fps,
            Seed = job.Settings.Seed,
            GuidanceScale = job.Settings.GuidanceScale,
            NumFrames = job.Settings.NumFrames,
            Seconds = job.Settings.Seconds,
        },
        BackendRequest = job.BackendRequest,
        BackendJobId = job.BackendJobId,
        Result = job.Status == VideoJobStatus.Succeeded && job.ResultFile is not null
            ? new VideoResult { File = Location(job.Id) + "/content", Bytes = job.ResultBytes, Url = job.ResultUrl }
            : null,
        Error = job.Error,
        CreatedAt = job.CreatedAt,
        UpdatedAt = job.UpdatedAt,
    };

    public static VideoBackendInfo Backend(RegisteredBackend backend)
    {
        var circuit = backend.Health.CircuitState;
        var last = backend.Health.LastCall;
        return new VideoBackendInfo
        {
            Name = backend.Options.Name,
            Protocol = backend.Backend.Protocol == VideoBackendProtocol.OpenAiVideos ? "openai_videos" : "cog_predictions",
            BaseUrl = backend.Options.BaseUrl!.AbsoluteUri,
            Circuit = circuit,
            Healthy = circuit is "closed" or "none" && (last is null || last.Succeeded),
            LastCall = Call(last),
            LastFailure = Call(backend.Health.LastFailure),
        };
    }

    private static BackendCallInfo? Call(BackendCall? call) => call is null
        ? null
        : new BackendCallInfo { At = call.At, Request = call.Request, Succeeded = call.Succeeded, Outcome = call.Outcome };
}
