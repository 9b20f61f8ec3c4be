using System.CommandLine;

namespace Vpo.Training.Cli;

/// <summary>
/// <c>vpo-train data</c>: the data-construction pipeline. Query curation (<c>curate</c>, <c>label-safety</c>,
/// <c>split</c>); principle-based SFT data (<c>generate</c>, <c>critique</c>, <c>refine</c>, <c>sft-set</c>, <c>augment-sft</c>, <c>check-sft</c>);
/// preference data (<c>sample</c>, <c>critique</c>, <c>refine</c>, <c>text-pairs</c>, <c>render</c>, <c>reward</c>,
/// <c>video-pairs</c>, <c>merge</c>, or without an LLM <c>check-pairs</c>). Every LLM or backend stage appends JSONL, resumes where it stopped and runs as
/// one shard of many.
/// </summary>
public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "Build training data: curate queries, principle-based SFT data, preference pairs.");
        command.Subcommands.Add(DataCurateCommand.Create());
        command.Subcommands.Add(DataLabelSafetyCommand.Create());
        command.Subcommands.Add(DataSplitCommand.Create());
        command.Subcommands.Add(DataGenerateCommand.Create());
        command.Subcommands.Add(DataCritiqueCommand.Create());
        command.Subcommands.Add(DataRefineCommand.Create());
        command.Subcommands.Add(DataSftSetCommand.Create());
        command.Subcommands.Add(DataAugmentSftCommand.Create());
        command.Subcommands.Add(DataCheckSftCommand.Create());
        command.Subcommands.Add(DataSampleCommand.Create());
        command.Subcommands.Add(DataTextPairsCommand.Create());
        command.Subcommands.Add(DataCheckPairsCommand.Create());
        command.Subcommands.Add(DataRenderCommand.Create());
        command.Subcommands.Add(DataRewardCommand.Create());
        command.Subcommands.Add(DataVideoPairsCommand.Create());
        command.Subcommands.Add(DataMergeCommand.Create());
        return command;
    }
}
