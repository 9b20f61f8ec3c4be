namespace Vpo.Inference.Video.Jobs;

/// <summary>
/// Where video jobs live. The default is an embedded SQLite database (<see cref="SqliteVideoJobStore"/>) for one
/// replica; a server database implementing this interface (with job leasing, see the README) serves several.
/// Implementations must make <see cref="UpdateAsync"/> refuse to overwrite a finished job, so that a cancel is never
/// undone by a driver's late write.
/// </summary>
public interface IVideoJobStore
{
    /// <summary>
    /// Stores <paramref name="job"/>, unless a job with its <see cref="VideoJob.IdempotencyKey"/> exists: then that
    /// job is returned and <c>Created</c> is false.
    /// </summary>
    Task<(VideoJob Job, bool Created)> CreateAsync(VideoJob job, CancellationToken cancellationToken);

    /// <summary>The job with <paramref name="id"/>, or null.</summary>
    Task<VideoJob?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="job"/> over its stored version; false (nothing written) when the stored job is already finished.</summary>
    Task<bool> UpdateAsync(VideoJob job, CancellationToken cancellationToken);

    /// <summary>Marks the job cancelled unless it is finished; returns the stored job after, or null when there is none.</summary>
    Task<VideoJob?> CancelAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every job not yet finished, oldest first (what a starting driver resumes).</summary>
    Task<IReadOnlyList<VideoJob>> ListUnfinishedAsync(CancellationToken cancellationToken);
}
