namespace Vpo.Inference.Video.Backends;

/// <summary>The <c>Videos</c> section: where video jobs are kept, how many run at once, and the backends.</summary>
public sealed class VideosOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Videos";

    /// <summary>
    /// The folder of the job database (<c>jobs.db</c>) and the stored videos; relative paths are under the content root.
    /// Keep it on a persistent volume: a restart on the same folder resumes every unfinished job.
    /// </summary>
    public string DataFolder { get; set; } = "video-jobs";

    /// <summary>The video backends; with none, <c>POST /videos</c> answers 503 and the rest of the service runs as usual.</summary>
    public List<VideoBackendOptions> Backends { get; set; } = [];

    /// <summary>Jobs driven at once by this process (each mostly waits on its backend).</summary>
    public int MaxConcurrentJobs { get; set; } = 16;

    /// <summary>
    /// How many times in a row a job's call may fail in a way worth repeating (a malformed answer, an open circuit)
    /// before the job fails; failures the HTTP policy already retried fail the job at once.
    /// </summary>
    public int MaxStepFailures { get; set; } = 5;
}
