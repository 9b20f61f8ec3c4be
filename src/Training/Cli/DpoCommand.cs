using System.CommandLine;
using Spectre.Console;
using Vpo.Training.Data;
using Vpo.Training.Loops;
using Vpo.Training.Presets;

namespace Vpo.Training.Cli;

/// <summary><c>vpo-train dpo</c>: direct preference optimization of the SFT model (the paper's Eq. 2).</summary>
public static class DpoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var options = new TrainingCommandOptions(TrainingStage.Dpo);
        var modelOption = new Option<string>("--model") { Description = "The SFT model folder: the policy starts from it and it is the frozen reference.", Required = true };
        var data = new Option<string>("--data") { Description = "Preference JSONL: one {\"query\", \"chosen\", \"rejected\", \"source\": \"text\"|\"video\"} object per line.", Required = true };
        var evalData = new Option<string?>("--eval-data") { Description = "Held-out preference JSONL; without it --eval-fraction of --data is held out." };
        var beta = new Option<double?>("--beta") { Description = "DPO β, the strength of the pull towards the reference (preset: 0.1)." };
        var rpoAlpha = new Option<double>("--rpo-alpha")
        {
            Description = "Adds this weight times the chosen prompts' per-token NLL to the loss (RPO, TRL's rpo_alpha; 1.0 is its authors' setting). 0 is the paper's DPO.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("dpo", "Direct preference optimization against the frozen SFT model; logs loss, reward accuracy, rewards and margins.");
        command.Options.Add(modelOption);
        command.Options.Add(data);
        command.Options.Add(evalData);
        command.Options.Add(beta);
        command.Options.Add(rpoAlpha);
        options.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandErrors.HandleAsync(parseResult, async () =>
        {
            var settings = options.Resolve(parseResult);
            var dpoBeta = parseResult.GetValue(beta) ?? settings.Preset.Beta ?? Objectives.DpoLoss.DefaultBeta;
            if (!(dpoBeta > 0) || double.IsInfinity(dpoBeta))
            {
                throw new ArgumentException($"--beta is {dpoBeta}; expected a positive number.");
            }

            var nllWeight = parseResult.GetValue(rpoAlpha);
            if (!(nllWeight >= 0) || double.IsInfinity(nllWeight))
            {
                throw new ArgumentException($"--rpo-alpha is {nllWeight}; expected zero or a positive number.");
            }

            var resumeFrom = TrainingRunner.CheckOutputFolder(settings);
            var dataPath = parseResult.GetValue(data)!;
            var evalPath = parseResult.GetValue(evalData);
            var modelDirectory = parseResult.GetValue(modelOption)!;
            var encoder = await ModelFolder.LoadTokenizerAsync(modelDirectory, cancellationToken).ConfigureAwait(false);
            var loaded = await EncodedTrainingData<PreferenceRecord, PreferenceExample>.LoadAsync(dataPath, evalPath, encoder, settings,
                PreferenceDataReader.ReadAsync, (encode, record) => encode.Encode(record), cancellationToken).ConfigureAwait(false);
            var (records, pairs, train, eval) = (loaded.Records, loaded.All, loaded.Train, loaded.Eval);

            var device = DeviceSelection.Resolve(settings.Device);
            using var policy = ModelFolder.LoadModel(modelDirectory, device);
            ModelFolder.CheckFits(policy, encoder, settings.ContextLength, pairs.Max(p => Math.Max(p.Chosen.Ids.Max(), p.Rejected.Ids.Max())));
            var trainer = settings.Trainer with { Device = device, PaddingId = encoder.EndOfTextId, ModelStore = new LlamaModelStore(modelDirectory) };
            var description = new Dictionary<string, object?>
            {
                ["command"] = "dpo",
                ["model"] = Path.GetFullPath(modelDirectory),
                ["data"] = Path.GetFullPath(dataPath),
                ["eval_data"] = evalPath is null ? null : Path.GetFullPath(evalPath),
                ["beta"] = dpoBeta,
                ["rpo_alpha"] = nllWeight,
                ["train_pairs"] = train.Count,
                ["eval_pairs"] = eval.Count,
                ["text_pairs"] = records.Count(r => r.Source == PreferenceSource.Text),
                ["video_pairs"] = records.Count(r => r.Source == PreferenceSource.Video),
            };
            return await TrainingRunner.RunAsync(
                settings with { Trainer = trainer },
                description,
                policy,
                resumeFrom,
                (observer, ct) => new DpoLoop(policy, trainer, dpoBeta, observer, nllWeight).RunAsync(train, eval, resumeFrom, ct),
                cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
