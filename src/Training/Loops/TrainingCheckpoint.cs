using System.Globalization;
using System.Text.Json;
using TorchSharp;
using Vpo.Training.Storage;
using static TorchSharp.torch;

namespace Vpo.Training.Loops;

/// <summary>
/// A resumable checkpoint folder: the model (through an <see cref="IModelStore"/>), the optimizer state
/// (TorchSharp's own format), the RNG state and <see cref="TrainerState"/> as JSON. The folder appears
/// only when complete, so a crash while saving leaves the previous checkpoint as the newest one.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The JSON file describing where the run stands.</summary>
    public const string StateFileName = "trainer_state.json";

    /// <summary>The optimizer state file.</summary>
    public const string OptimizerFileName = "optimizer.bin";

    /// <summary>The RNG state file.</summary>
    public const string RandomStateFileName = "rng_state.bin";

    private const string Prefix = "checkpoint-";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The folder name of the checkpoint after <paramref name="step"/> updates.</summary>
    public static string DirectoryFor(string checkpointsRoot, long step) =>
        Path.Combine(checkpointsRoot, Prefix + step.ToString("D7", CultureInfo.InvariantCulture));

    /// <summary>Writes a checkpoint atomically and returns its folder.</summary>
    public static async Task<string> SaveAsync(
        string checkpointsRoot,
        TrainerState state,
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        IModelStore modelStore,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(modelStore);
        var directory = DirectoryFor(checkpointsRoot, state.GlobalStep);
        await AtomicFile.WriteDirectoryAsync(directory, async temporary =>
        {
            modelStore.Save(model, temporary);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(Path.Combine(temporary, OptimizerFileName));
            using (var rng = random.get_rng_state())
            {
                rng.Save(Path.Combine(temporary, RandomStateFileName));
            }

            var json = JsonSerializer.Serialize(state, JsonOptions);
            await File.WriteAllTextAsync(Path.Combine(temporary, StateFileName), json, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return directory;
    }

    /// <summary>Reads the state of a checkpoint folder.</summary>
    public static async Task<TrainerState> ReadStateAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, StateFileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{directory} is not a training checkpoint: it has no {StateFileName}.");
        }

        TrainerState? state;
        try
        {
            state = JsonSerializer.Deserialize<TrainerState>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path} is not a valid trainer state: {exception.Message}", exception);
        }

        if (state is null || state.FormatVersion != TrainerState.CurrentFormatVersion)
        {
            throw new InvalidOperationException($"{path} has format version {state?.FormatVersion}; expected {TrainerState.CurrentFormatVersion}.");
        }

        return state;
    }

    /// <summary>Restores model weights, optimizer state and RNG state from a checkpoint folder.</summary>
    public static void Restore(string directory, nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, IModelStore modelStore)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(modelStore);
        modelStore.LoadInto(model, directory);
        var optimizerPath = Path.Combine(directory, OptimizerFileName);
        if (!File.Exists(optimizerPath))
        {
            throw new InvalidOperationException($"{directory} has no optimizer state ({OptimizerFileName}).");
        }

        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(optimizerPath);
        var rngPath = Path.Combine(directory, RandomStateFileName);
        if (File.Exists(rngPath))
        {
            using var reader = new BinaryReader(File.OpenRead(rngPath));
            using var rng = TensorExtensionMethods.Load(reader);
            random.set_rng_state(rng);
        }
    }

    /// <summary>The newest complete checkpoint under a run's checkpoints folder, or null when there is none.</summary>
    public static string? FindLatest(string checkpointsRoot) =>
        EnumerateByStep(checkpointsRoot).Select(c => c.Directory).LastOrDefault();

    /// <summary>Deletes all but the newest <paramref name="keep"/> checkpoints.</summary>
    public static void Prune(string checkpointsRoot, int keep)
    {
        var all = EnumerateByStep(checkpointsRoot).ToList();
        foreach (var (directory, _) in all.Take(Math.Max(0, all.Count - keep)))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<(string Directory, long Step)> EnumerateByStep(string checkpointsRoot)
    {
        if (!Directory.Exists(checkpointsRoot))
        {
            return [];
        }

        return Directory.EnumerateDirectories(checkpointsRoot, Prefix + "*")
            .Select(d => (Directory: d, Name: Path.GetFileName(d)))
            .Where(d => long.TryParse(d.Name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _)
                && File.Exists(Path.Combine(d.Directory, StateFileName)))
            .Select(d => (d.Directory, Step: long.Parse(d.Name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture)))
            .OrderBy(d => d.Step);
    }
}
