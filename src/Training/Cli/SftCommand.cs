using System.CommandLine;
using Spectre.Console;
using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Presets;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train sft</c>: principle-based supervised fine-tuning (the paper's Eq. 1).</summary>
public static class SftCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new TrainingCommandOptions(TrainingStage.Sft);
        var modelOption = new Option<string>("--model") { Description = "Model folder to fine-tune (config.json, model.safetensors and tokenizer files).", Required = true };
        var data = new Option<string>("--data") { Description = "SFT JSONL: one {\"query\", \"prompt\"} object per line.", Required = true };
        var evalData = new Option<string?>("--eval-data") { Description = "Held-out SFT JSONL; without it --eval-fraction of --data is held out." };
        var command = new Command("sft", "Supervised fine-tuning: the VPO instruction with the query as user turn, the prompt as assistant turn; loss on the prompt only.");
        command.Options.Add(modelOption);
        command.Options.Add(data);
        command.Options.Add(evalData);
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var settings = options.Resolve(parseResult);
            var resumeFrom = TrainingRunner.CheckOutputFolder(settings);
            var dataPath = parseResult.GetValue(data)!;
            var evalPath = parseResult.GetValue(evalData);
            var modelDirectory = parseResult.GetValue(modelOption)!;
            var encoder = await ModelFolder.LoadTokenizerAsync(modelDirectory, cancellationToken).ConfigureAwait(false);
            var loaded = await EncodedTrainingData<SftRecord, ResponseExample>.LoadAsync(dataPath, evalPath, encoder, settings,
                SftDataReader.ReadAsync, (encode, record) => encode.Encode(record), cancellationToken).ConfigureAwait(false);
            var (examples, train, eval) = (loaded.All, loaded.Train, loaded.Eval);

            var device = DeviceSelection.Resolve(settings.Device);
            using var model = ModelFolder.LoadModel(modelDirectory, device);
            ModelFolder.CheckFits(model, encoder, settings.ContextLength, examples.Max(e => e.Ids.Max()));
            var trainer = settings.Trainer with { Device = device, PaddingId = encoder.EndOfTextId, ModelStore = new LlamaModelStore(modelDirectory) };
            var description = new Dictionary<string, object?>
            {
                ["command"] = "sft",
                ["model"] = Path.GetFullPath(modelDirectory),
                ["data"] = Path.GetFullPath(dataPath),
                ["eval_data"] = evalPath is null ? null : Path.GetFullPath(evalPath),
                ["train_examples"] = train.Count,
                ["eval_examples"] = eval.Count,
            };
            return await TrainingRunner.RunAsync(
                settings with { Trainer = trainer },
                description,
                model,
                resumeFrom,
                (observer, ct) => new SftLoop(model, trainer, observer).RunAsync(train, eval, resumeFrom, ct),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
