using System.Globalization;

namespace Vpo.Inference.Video.Backends;

/// <summary>The innermost handler of a backend's client: records every attempt's outcome in the backend's <see cref="BackendHealth"/>.</summary>
internal sealed class BackendCallRecorder(BackendHealth health, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var failed = code is 408 or 429 or >= 500;
            health.Record(what, !failed, string.Create(CultureInfo.InvariantCulture, $"{code} {response.ReasonPhrase}"));
            return response;
        }
        catch (OperationCanceledException)
        {
            health.Record(what, false, "timed out or cancelled");
            throw;
        }
        catch (HttpRequestException exception)
        {
            health.Record(what, false, exception.Message);
            throw;
        }
    }
}
