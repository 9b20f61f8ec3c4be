using System.CommandLine;
using Microsoft.Extensions.Logging;
using Vpo.Training.Tokenization;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train tokenizer</c>: trains the byte-level BPE tokenizer on text files and writes it in Hugging Face format.</summary>
public static class TokenizerCommand
{
    /// <summary>Builds the command with its options.</summary>
    public static Command Create()
    {
        var corpus = new Option<string[]>("--corpus")
        {
            Description = "UTF-8 text files to learn the vocabulary from",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var vocabularySize = new Option<int>("--vocab-size")
        {
            Description = $"Total vocabulary size including the {SpecialTokenNames.All.Count} special tokens (at least {TokenizerTrainingOptions.MinimumVocabularySize})",
            Required = true,
        };
        var output = new Option<string>("--output")
        {
            Description = "Folder that receives tokenizer.json and tokenizer_config.json",
            Required = true,
        };
        var minFrequency = new Option<int>("--min-frequency")
        {
            Description = "Never merge a pair seen fewer times than this",
            DefaultValueFactory = _ => 2,
        };
        var modelMaxLength = new Option<int>("--model-max-length")
        {
            Description = "Longest sequence the model takes (tokenizer_config.json's model_max_length)",
            DefaultValueFactory = _ => 2048,
        };

        var command = new Command("tokenizer", "Train the byte-level BPE tokenizer (Llama 3 special tokens and chat template) on a text corpus")
        {
            corpus, vocabularySize, output, minFrequency, modelMaxLength,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new TokenizerTrainingOptions
            {
                CorpusFiles = parseResult.GetValue(corpus) ?? [],
                VocabularySize = parseResult.GetValue(vocabularySize),
                OutputFolder = parseResult.GetValue(output) ?? "",
                MinFrequency = parseResult.GetValue(minFrequency),
                ModelMaxLength = parseResult.GetValue(modelMaxLength),
            };
            var error = parseResult.InvocationConfiguration.Error;
            var problems = options.Validate();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync(problem);
                }
                return 2;
            }

            using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
            try
            {
                var result = await new TokenizerTrainer(loggerFactory).TrainAsync(options, cancellationToken);
                var specials = result.SpecialTokens;
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                    $"tokenizer: {result.VocabularySize} tokens ({result.MergeCount} merges) in {result.OutputFolder}; " +
                    $"bos {specials.BeginOfText}, eot {specials.EndOfTurn}; " +
                    $"{result.CountingTime.TotalSeconds:F1} s counting + {result.MergingTime.TotalSeconds:F1} s merging");
                return 0;
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}
