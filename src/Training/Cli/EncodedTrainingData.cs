using Spectre.Console;
using Vpo.Training.Data;

namespace Vpo.Training.Cli;

/// <summary>The encoded training and held-out examples of an SFT or DPO run, as the commands load them.</summary>
internal sealed record EncodedTrainingData<TRecord, TExample>(
    IReadOnlyList<TRecord> Records, IReadOnlyList<TExample> All, IReadOnlyList<TExample> Train, IReadOnlyList<TExample> Eval)
{
    /// <summary>
    /// Reads <paramref name="dataPath"/> (and <paramref name="evalPath"/> when given, else holds out the settings'
    /// fraction), encodes every record with the chat template, and warns when responses were cut at the context.
    /// </summary>
    public static async Task<EncodedTrainingData<TRecord, TExample>> LoadAsync(
        string dataPath, string? evalPath, IChatEncoder encoder, TrainingSettings settings,
        Func<string, CancellationToken, Task<IReadOnlyList<TRecord>>> read,
        Func<TrainingExampleEncoder, TRecord, TExample> encode,
        CancellationToken cancellationToken)
    {
        var records = await read(dataPath, cancellationToken).ConfigureAwait(false);
        var evalRecords = evalPath is null ? null : await read(evalPath, cancellationToken).ConfigureAwait(false);
        var trainEncoder = new TrainingExampleEncoder(encoder, settings.ContextLength, dataPath);
        var all = records.Select(record => encode(trainEncoder, record)).ToList();
        IReadOnlyList<TExample> train = all;
        IReadOnlyList<TExample> eval;
        if (evalRecords is null)
        {
            (train, eval) = HeldOutSplit.Split(all, settings.EvalFraction, settings.Trainer.Seed);
        }
        else
        {
            var evalEncoder = new TrainingExampleEncoder(encoder, settings.ContextLength, evalPath!);
            eval = evalRecords.Select(record => encode(evalEncoder, record)).ToList();
        }

        if (trainEncoder.TruncatedResponses > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"warning: {trainEncoder.TruncatedResponses} responses were cut at the context length of {settings.ContextLength} tokens."));
        }
        return new EncodedTrainingData<TRecord, TExample>(records, all, train, eval);
    }
}
