using System.CommandLine;

namespace Vpo.Training.Cli;

/// <summary>The <c>vpo-train</c> command line: one sub-command per pipeline step, each defined in its own file.</summary>
public static class VpoTrainCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("VPO training pipeline: tokenizer, pretraining, SFT, DPO and ONNX export.");
        // Each command file exposes a static Create(); add new commands here, one line each.
        root.Subcommands.Add(TokenizerCommand.Create());
        root.Subcommands.Add(CorpusCommand.Create());
        root.Subcommands.Add(HoldoutCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(PretrainCommand.Create());
        root.Subcommands.Add(SftCommand.Create());
        root.Subcommands.Add(DpoCommand.Create());
        root.Subcommands.Add(ThroughputCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ProbeCopyingCommand.Create());
        root.Subcommands.Add(TieEmbeddingsCommand.Create());
        root.Subcommands.Add(CopyMixCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        return root;
    }
}
