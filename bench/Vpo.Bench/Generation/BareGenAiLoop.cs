using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntimeGenAI;
using Vpo.Inference;
using Vpo.Inference.Generation;

namespace Vpo.Bench.Generation;

/// <summary>
/// What an app would write without the service: load the model, and for each query run a greedy generator and
/// decode its tokens to text, one query after another. The prompts are templated by the service's own code
/// (<see cref="Template"/>) so both sides process identical token ids.
/// </summary>
public static class BareGenAiLoop
{
    /// <summary>The service's templated prompts for <paramref name="queries"/>, and the pad id it right-pads batches with.</summary>
    public static (int[][] Prompts, int PadTokenId) Template(string modelFolder, IReadOnlyList<string> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        using var host = new OnnxModelHost(modelFolder, ExecutionProvider.Cpu, null, NullLogger<OnnxModelHost>.Instance);
        return (queries.Select(host.EncodePrompt).ToArray(), host.PadTokenId);
    }

    /// <summary>Runs over <paramref name="prompts"/> in order until <paramref name="duration"/> has passed.</summary>
    public static BareLoopResult Run(Model model, IReadOnlyList<int[]> prompts, int newTokens, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        using var tokenizer = new Tokenizer(model);
        Generate(model, tokenizer, prompts[0], 4, out _); // loads the session's kernels before the clock starts

        var clock = Stopwatch.StartNew();
        int requests = 0;
        long generated = 0, decodeTokens = 0;
        double decodeSeconds = 0, prefillMs = 0;
        while (clock.Elapsed < duration)
        {
            var prompt = prompts[requests % prompts.Count];
            var (prefill, decode, tokens) = Generate(model, tokenizer, prompt, newTokens, out _);
            requests++;
            generated += tokens;
            decodeTokens += tokens - 1;
            decodeSeconds += decode.TotalSeconds;
            prefillMs += prefill.TotalMilliseconds;
        }

        return new BareLoopResult(requests, clock.Elapsed.TotalSeconds, generated,
            decodeSeconds > 0 ? decodeTokens / decodeSeconds : 0, requests > 0 ? prefillMs / requests : 0);
    }

    /// <summary>
    /// Prefill and decode time of one generator over the first <paramref name="batchSize"/> prompts (right-padded with
    /// <paramref name="padTokenId"/> as the service pads them), best of <paramref name="repeats"/> runs: shows how much
    /// of a request is prompt processing, which batching cannot speed up once the cores are busy.
    /// </summary>
    public static PhaseProfile Profile(Model model, IReadOnlyList<int[]> prompts, int padTokenId, int batchSize, int newTokens, int repeats = 3)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var rows = Enumerable.Range(0, batchSize).Select(row => prompts[row % prompts.Count]).ToArray();
        var longest = rows.Max(prompt => prompt.Length);
        var block = new int[batchSize * longest];
        Array.Fill(block, padTokenId);
        for (var row = 0; row < batchSize; row++)
        {
            rows[row].CopyTo(block, row * longest);
        }

        PhaseProfile? best = null;
        for (var repeat = 0; repeat <= repeats; repeat++)
        {
            using var parameters = new GeneratorParams(model);
            parameters.SetSearchOption("batch_size", batchSize);
            parameters.SetSearchOption("max_length", longest + newTokens);
            parameters.SetSearchOption("min_length", longest + newTokens);
            parameters.SetSearchOption("do_sample", false);
            using var generator = new Generator(model, parameters);
            var started = Stopwatch.GetTimestamp();
            generator.AppendTokens(block);
            generator.GenerateNextToken();
            var prefill = Stopwatch.GetElapsedTime(started).TotalSeconds;
            started = Stopwatch.GetTimestamp();
            var steps = 1;
            while (!generator.IsDone())
            {
                generator.GenerateNextToken();
                steps++;
            }

            var run = new PhaseProfile(batchSize, rows.Sum(prompt => prompt.Length), prefill, Stopwatch.GetElapsedTime(started).TotalSeconds, steps * batchSize);
            // The first run loads kernels and is not counted.
            if (repeat > 0 && (best is null || run.PrefillSeconds + run.DecodeSeconds < best.PrefillSeconds + best.DecodeSeconds))
            {
                best = run;
            }
        }

        return best!;
    }

    /// <summary>The model with every core for intra-op work, as the service loads it by default.</summary>
    public static Model LoadModel(string modelFolder)
    {
        using var config = new Config(modelFolder);
        config.Overlay(OnnxModelHost.SessionThreadsOverlay(Environment.ProcessorCount));
        return new Model(config);
    }

    private static (TimeSpan Prefill, TimeSpan Decode, int Tokens) Generate(Model model, Tokenizer tokenizer, int[] prompt, int newTokens, out string text)
    {
        using var parameters = new GeneratorParams(model);
        parameters.SetSearchOption("max_length", prompt.Length + newTokens);
        parameters.SetSearchOption("min_length", prompt.Length + newTokens);
        parameters.SetSearchOption("do_sample", false);
        using var generator = new Generator(model, parameters);
        using var stream = tokenizer.CreateStream();
        var answer = new System.Text.StringBuilder();
        var started = Stopwatch.GetTimestamp();
        generator.AppendTokens(prompt);
        generator.GenerateNextToken();
        answer.Append(stream.Decode(generator.GetSequence(0)[^1]));
        var prefill = Stopwatch.GetElapsedTime(started);
        var tokens = 1;
        started = Stopwatch.GetTimestamp();
        while (!generator.IsDone())
        {
            generator.GenerateNextToken();
            answer.Append(stream.Decode(generator.GetSequence(0)[^1]));
            tokens++;
        }

        text = answer.ToString();
        return (prefill, Stopwatch.GetElapsedTime(started), tokens);
    }
}
