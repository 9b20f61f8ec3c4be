using System.Text;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Inference.Generation;

namespace Vpo.Inference.Streaming;

/// <summary>
/// Builds one row's answer while it is generated: decodes each token with the runtime's incremental decoder, looks
/// for stop strings in the text decoded so far and tells the row's watcher what the answer gained. Streamed and
/// unstreamed answers come from this one path, so the pieces a client receives add up to exactly the answer it would
/// have got in one piece.
/// </summary>
/// <remarks>
/// A piece is shown only once it is settled: text that may still turn into a stop string (or, for a paragraph, into
/// an end-of-answer marker) is held back until the next token decides. A paragraph answer shows the first paragraph
/// of the text so far with its lines joined; that is always the beginning of the final paragraph, because later text
/// can only extend the last line, start a new line (joined with a space) or end the paragraph.
/// </remarks>
internal sealed class AnswerBuilder : IDisposable
{
    private readonly OnnxModelHost _host;
    private readonly TokenizerStream _decoder;
    private readonly AnswerOptions _options;
    private readonly IReadOnlyList<string> _holdBack;
    private readonly StringBuilder _raw = new();
    private Action<AnswerProgress>? _onProgress;
    private string _shown = string.Empty;
    private int _stopAt = -1;
    private int _tokens;

    public AnswerBuilder(OnnxModelHost host, AnswerOptions options)
    {
        _host = host;
        _options = options;
        _onProgress = options.OnProgress;
        _holdBack = options.Format == AnswerFormat.Raw ? options.StopStrings : AnswerText.Markers;
        _decoder = host.CreateDecoder();
    }

    /// <summary>Adds the next generated token; true when a stop string has ended the answer.</summary>
    public bool Append(int token)
    {
        _tokens++;
        var before = _raw.Length;
        _raw.Append(_host.DecodeNext(_decoder, token));
        if (_options.Format == AnswerFormat.Raw && _options.StopStrings.Count > 0 && _raw.Length > before)
        {
            var longest = _options.StopStrings.Max(stop => stop.Length);
            var windowStart = Math.Max(0, before - longest + 1);
            var found = StopStrings.FindFirst(_raw.ToString(windowStart, _raw.Length - windowStart), _options.StopStrings, before - windowStart);
            if (found >= 0)
            {
                _stopAt = windowStart + found;
            }
        }

        if (_onProgress is not null)
        {
            Publish(Visible(final: _stopAt >= 0));
        }

        return _stopAt >= 0;
    }

    /// <summary>The finished answer, once the row has ended; the watcher gets whatever was held back.</summary>
    public string Complete()
    {
        var answer = Visible(final: true);
        Publish(answer);
        return answer;
    }

    public void Dispose() => _decoder.Dispose();

    private string Visible(bool final)
    {
        var text = _stopAt >= 0 ? _raw.ToString(0, _stopAt) : _raw.ToString();
        if (!final)
        {
            text = text[..^StopStrings.HeldBack(text, _holdBack)];
        }

        return _options.Format == AnswerFormat.SingleParagraph ? AnswerText.ToSingleParagraph(text) : text;
    }

    private void Publish(string visible)
    {
        var onProgress = _onProgress;
        if (onProgress is null)
        {
            return;
        }

        // What was shown cannot be taken back; text that does not extend it (which the remark above rules out) waits.
        var delta = visible.Length > _shown.Length && visible.StartsWith(_shown, StringComparison.Ordinal) ? visible[_shown.Length..] : string.Empty;
        _shown += delta;
        try
        {
            onProgress(new AnswerProgress(delta, _tokens));
        }
        catch (Exception)
        {
            // A failing watcher loses its progress, not the row nor its batch.
            _onProgress = null;
        }
    }
}
