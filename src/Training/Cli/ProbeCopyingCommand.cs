using System.CommandLine;
using System.Globalization;
using Vpo.Training.Data;
using Vpo.Training.Diagnostics;
using Vpo.Training.Tokenization;
using static TorchSharp.torch;

namespace Vpo.Training.Cli;

/// <summary>
/// <c>vpo-train probe-copying</c>: does a model copy from its context? Reads each query twice in a row and reports
/// the loss on both occurrences — the check to run on a base model before spending hours of SFT on it.
/// </summary>
public static class ProbeCopyingCommand
{
    /// <summary>The command.</summary>
    public static Command Create()
    {
        var model = new Option<DirectoryInfo>("--model") { Description = "Model folder (config.json + safetensors).", Required = true };
        var texts = new Option<FileInfo>("--texts") { Description = "Texts to repeat: a JSON array of strings, or JSON Lines (strings or {\"query\": ...}), e.g. validation queries.", Required = true };
        var tokenizer = new Option<DirectoryInfo?>("--tokenizer") { Description = "Tokenizer folder (default: the model folder)." };
        var limit = new Option<int>("--limit") { Description = "Probe at most this many texts (the first ones).", DefaultValueFactory = _ => 200 };
        var command = new Command("probe-copying", "Loss on the first vs the repeated occurrence of each text: whether a model reads its context.")
        {
            model, texts, tokenizer, limit,
        };
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var count = parseResult.GetValue(limit);
            if (count < 1)
            {
                throw new ArgumentException($"--limit must be at least 1 (got {count}).");
            }

            var modelFolder = parseResult.GetValue(model)!.FullName;
            var tokenizerFolder = parseResult.GetValue(tokenizer)?.FullName ?? modelFolder;
            IReadOnlyList<string> lines;
            try
            {
                lines = await QueryListReader.ReadAsync(parseResult.GetValue(texts)!.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException invalid)
            {
                throw new ArgumentException(invalid.Message, invalid);
            }

            using var loaded = ModelFolder.LoadModel(modelFolder, CPU);
            var encoder = await VpoTokenizer.LoadAsync(tokenizerFolder, cancellationToken).ConfigureAwait(false);
            // A leading space so each text is tokenized as it appears inside a sentence, as it is on its repeat.
            var encoded = lines.Take(count).Select(text => encoder.Encode(" " + text.Trim(), addBeginOfText: false));
            var result = CopyingProbe.Measure(loaded, encoded, encoder.SpecialTokens.BeginOfText, cancellationToken);
            var culture = CultureInfo.InvariantCulture;
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(string.Create(culture,
                $"probe-copying: {result.Texts} texts, first occurrence {result.FirstOccurrenceLoss:F2} nats/token, repeat {result.SecondOccurrenceLoss:F2} ({result.SecondOccurrenceTokens} tokens), gain {result.Gain:F2}")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
