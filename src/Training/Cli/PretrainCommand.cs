using System.CommandLine;
using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Presets;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train pretrain</c>: causal language modelling of a new (or continued) model on plain text.</summary>
public static class PretrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new TrainingCommandOptions(TrainingStage.Pretrain);
        var corpus = new Option<string[]>("--corpus") { Description = "Plain-text files, or folders of *.txt files; each file is one document.", Required = true, AllowMultipleArgumentsPerToken = true };
        var tokenizer = new Option<string>("--tokenizer") { Description = "Folder with tokenizer.json and tokenizer_config.json (from the tokenizer command).", Required = true };
        var config = new Option<string?>("--config") { Description = "config.json (Hugging Face Llama names) of a new model with random weights." };
        var init = new Option<string?>("--init") { Description = "Model folder to continue pretraining from, instead of --config." };
        var command = new Command("pretrain", "Pretrain a Llama-style decoder on plain text (packed sequences of the context length).");
        command.Options.Add(corpus);
        command.Options.Add(tokenizer);
        command.Options.Add(config);
        command.Options.Add(init);
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var settings = options.Resolve(parseResult);
            var configPath = parseResult.GetValue(config);
            var initPath = parseResult.GetValue(init);
            if ((configPath is null) == (initPath is null))
            {
                throw new ArgumentException("Give exactly one of --config (a new model) and --init (a model folder to continue).");
            }

            var resumeFrom = TrainingRunner.CheckOutputFolder(settings);
            var documents = await PlainTextCorpusReader.ReadDocumentsAsync(parseResult.GetValue(corpus)!, cancellationToken).ConfigureAwait(false);
            var tokenizerDirectory = parseResult.GetValue(tokenizer)!;
            var encoder = await ModelFolder.LoadTokenizerAsync(tokenizerDirectory, cancellationToken).ConfigureAwait(false);
            var sequences = SequencePacker.Pack(documents, encoder, settings.ContextLength);
            if (sequences.Count == 0)
            {
                throw new TrainingDataException(string.Join(", ", parseResult.GetValue(corpus)!), null, $"the corpus is shorter than one sequence of {settings.ContextLength} tokens.");
            }

            var (train, eval) = HeldOutSplit.Split(sequences, settings.EvalFraction, settings.Trainer.Seed);
            var device = DeviceSelection.Resolve(settings.Device);
            using var model = configPath is not null ? ModelFolder.NewModel(configPath, device, settings.Trainer.Seed) : ModelFolder.LoadModel(initPath!, device);
            ModelFolder.CheckFits(model, encoder, settings.ContextLength, sequences.Max(s => s.Max()));
            var trainer = settings.Trainer with { Device = device, PaddingId = encoder.EndOfTextId, ModelStore = new LlamaModelStore(tokenizerDirectory) };
            var description = new Dictionary<string, object?>
            {
                ["command"] = "pretrain",
                ["corpus"] = parseResult.GetValue(corpus),
                ["tokenizer"] = Path.GetFullPath(tokenizerDirectory),
                ["model"] = configPath is not null ? Path.GetFullPath(configPath) : Path.GetFullPath(initPath!),
                ["sequences"] = sequences.Count,
            };
            return await TrainingRunner.RunAsync(
                settings with { Trainer = trainer },
                description,
                model,
                resumeFrom,
                (observer, ct) => new PretrainLoop(model, trainer, observer).RunAsync(train, eval, resumeFrom, ct),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
