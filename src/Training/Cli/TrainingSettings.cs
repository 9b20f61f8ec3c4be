using Vpo.Training.Loops;
using Vpo.Training.Presets;

namespace Vpo.Training.Cli;

/// <summary>The resolved settings of a training command: a preset with the explicitly given options applied.</summary>
/// <param name="Preset">The preset the values started from.</param>
/// <param name="Trainer">Trainer settings (device, padding and model store are filled in once the model is loaded).</param>
/// <param name="ContextLength">Longest sequence in tokens.</param>
/// <param name="EvalFraction">Share of the examples held out for evaluation when no evaluation file is given.</param>
/// <param name="Resume">True to continue the newest checkpoint in the output folder.</param>
/// <param name="Device">"cpu" or "cuda".</param>
public sealed record TrainingSettings(
    TrainingPreset Preset,
    TrainerOptions Trainer,
    int ContextLength,
    double EvalFraction,
    bool Resume,
    string Device);
