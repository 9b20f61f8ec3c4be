using System.Diagnostics;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace Vpo.Inference.Generation;

/// <summary>
/// Runs one ONNX Runtime GenAI <see cref="Generator"/> over a batch of prompts that share their search options, token by
/// token. A row ends when it emits a stop token, runs out of budget or its caller cancels; it is reported the moment it
/// ends while the other rows continue, and the generator is dropped as soon as no row is left.
/// </summary>
public sealed class BatchGenerator(OnnxModelHost host)
{
    /// <summary>
    /// Generates for every row of <paramref name="rows"/> with <paramref name="options"/>. <paramref name="onRowFinished"/>
    /// is called once per row, on this thread, when that row ends. Runtime errors propagate to the caller, which owns
    /// the rows that did not finish.
    /// </summary>
    public BatchRunReport Run(
        IReadOnlyList<BatchRow> rows, SamplingOptions options, Action<BatchRow, RowOutcome> onRowFinished, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onRowFinished);
        if (rows.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one row.", nameof(rows));
        }

        var started = Stopwatch.GetTimestamp();
        var longestPrompt = rows.Max(row => row.PromptTokens.Length);
        var budget = Math.Min(options.MaxNewTokens, host.ContextLength - longestPrompt);
        if (budget < 1)
        {
            throw new ArgumentException($"The longest prompt ({longestPrompt} tokens) leaves no room in the model's context of {host.ContextLength} tokens.", nameof(rows));
        }

        using var parameters = new GeneratorParams(host.Model);
        parameters.SetSearchOption("batch_size", rows.Count);
        parameters.SetSearchOption("max_length", longestPrompt + budget);
        if (options.MinNewTokens > 0)
        {
            // The runtime suppresses its EOS ids until the sequence is this long; rows share one length (right padding).
            parameters.SetSearchOption("min_length", longestPrompt + Math.Min(options.MinNewTokens, budget));
        }

        parameters.SetSearchOption("do_sample", !options.IsGreedy);
        if (!options.IsGreedy)
        {
            parameters.SetSearchOption("temperature", options.Temperature);
            parameters.SetSearchOption("top_p", options.TopP);
            // The runtime's default top_k (50) would truncate what the published setting samples from: the whole vocabulary.
            parameters.SetSearchOption("top_k", 0);
            if (options.Seed is { } seed)
            {
                parameters.SetSearchOption("random_seed", seed);
            }
        }

        using var generator = new Generator(host.Model, parameters);
        generator.AppendTokens(PadRight(rows, longestPrompt, host.PadTokenId));

        var generated = new List<int>[rows.Count];
        var active = new bool[rows.Count];
        var firstToken = new TimeSpan[rows.Count];
        for (var row = 0; row < rows.Count; row++)
        {
            generated[row] = [];
            active[row] = true;
        }

        var activeRows = rows.Count;
        var steps = 0;
        var generatedTokens = 0;
        var cancelledRows = 0;
        TimeSpan? prefill = null;

        void Finish(int row, FinishReason reason, bool cancelled)
        {
            active[row] = false;
            activeRows--;
            var tokens = generated[row].ToArray();
            var text = cancelled ? string.Empty : AnswerText.ToSingleParagraph(host.Decode(tokens));
            onRowFinished(rows[row], new RowOutcome(tokens, text, reason, firstToken[row], Stopwatch.GetElapsedTime(started), cancelled));
        }

        while (activeRows > 0 && !generator.IsDone())
        {
            for (var row = 0; row < rows.Count; row++)
            {
                if (active[row] && (rows[row].Cancellation.IsCancellationRequested || stopping.IsCancellationRequested))
                {
                    cancelledRows++;
                    Finish(row, FinishReason.Length, cancelled: true);
                }
            }

            if (activeRows == 0)
            {
                break;
            }

            generator.GenerateNextToken();
            steps++;
            prefill ??= Stopwatch.GetElapsedTime(started);
            var next = generator.GetNextTokens();
            for (var row = 0; row < rows.Count; row++)
            {
                if (!active[row])
                {
                    continue;
                }

                var token = next[row];
                if (generated[row].Count == 0 && firstToken[row] == TimeSpan.Zero)
                {
                    firstToken[row] = Stopwatch.GetElapsedTime(started);
                }

                if (host.StopTokenIds.Contains(token))
                {
                    Finish(row, FinishReason.Stop, cancelled: false);
                    continue;
                }

                generated[row].Add(token);
                generatedTokens++;
                if (generated[row].Count >= budget)
                {
                    Finish(row, FinishReason.Length, cancelled: false);
                }
            }
        }

        // The generator reached max_length: whatever is still open ran out of room.
        for (var row = 0; row < rows.Count; row++)
        {
            if (active[row])
            {
                Finish(row, FinishReason.Length, cancelled: false);
            }
        }

        return new BatchRunReport(rows.Count, steps, generatedTokens, cancelledRows, prefill ?? TimeSpan.Zero, Stopwatch.GetElapsedTime(started));
    }

    // The runtime takes a batch as one [rows x longest] block and reads trailing pad tokens as padding (it masks them
    // and continues each row after its last real token), the layout its own AppendTokenSequences builds.
    private static int[] PadRight(IReadOnlyList<BatchRow> rows, int longestPrompt, int padTokenId)
    {
        var block = new int[rows.Count * longestPrompt];
        Array.Fill(block, padTokenId);
        for (var row = 0; row < rows.Count; row++)
        {
            rows[row].PromptTokens.CopyTo(block, row * longestPrompt);
        }

        return block;
    }
}
