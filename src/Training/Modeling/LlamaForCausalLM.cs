using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vpo.Training.Modeling;

/// <summary>
/// A Llama-family causal language model whose <c>state_dict()</c> keys are exactly Hugging Face's
/// (<c>model.embed_tokens.weight</c>, <c>model.layers.{i}.self_attn.q_proj.weight</c>, ..., <c>model.norm.weight</c>,
/// <c>lm_head.weight</c>). With <see cref="LlamaConfig.TieWordEmbeddings"/> the head reuses the embedding matrix and
/// <c>lm_head.weight</c> does not exist.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module<Tensor, Tensor>
{
    private const double InitStd = 0.02;

    private readonly LlamaModel model;
    private readonly Linear? lm_head;

    /// <summary>
    /// Creates a randomly initialized model: normal(0, 0.02) projection and embedding weights and unit norm weights,
    /// drawn from <paramref name="generator"/> or else TorchSharp's global generator (so <c>torch.manual_seed</c> makes
    /// it reproducible, as long as nothing else draws from the global generator meanwhile).
    /// </summary>
    /// <param name="config">The model's shape; validated here.</param>
    /// <param name="device">Where the parameters live; the <c>meta</c> device builds shapes without storage.</param>
    /// <param name="generator">A private random generator, for reproducible weights while other threads use torch's global one.</param>
    /// <exception cref="InvalidModelConfigException">The config cannot describe a working decoder.</exception>
    public LlamaForCausalLM(LlamaConfig config, Device? device = null, Generator? generator = null) : base(nameof(LlamaForCausalLM))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        model = new LlamaModel(config, device);
        if (!config.TieWordEmbeddings)
        {
            lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false, device: device);
        }
        RegisterComponents();
        InitializeWeights(generator);
    }

    /// <summary>The configuration the model was built from.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The decoder stack (<c>model.*</c>).</summary>
    public LlamaModel Model => model;

    /// <summary>The device the parameters are on.</summary>
    public Device Device => model.EmbedTokens.weight!.device;

    /// <summary>Logits <c>[batch, seq, vocab]</c> in float32 for <paramref name="inputIds"/> (int64 <c>[batch, seq]</c>), causally masked.</summary>
    /// <remarks>Right-padded batches need no attention mask: a causal model never lets a real token see the padding after it.</remarks>
    public override Tensor forward(Tensor inputIds) => Forward(inputIds, null);

    /// <summary>
    /// Logits <c>[batch, seq, vocab]</c> in float32 for <paramref name="inputIds"/>, which continue the sequences held
    /// in <paramref name="cache"/> (their rotary positions start at <see cref="KvCache.Length"/>); the cache is
    /// extended with the new keys and values. Without a cache this is <see cref="forward(Tensor)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The ids are not a non-empty int64 <c>[batch, seq]</c> tensor of in-vocabulary
    /// ids, the sequence would pass <c>max_position_embeddings</c>, or the cache does not fit this model or batch.</exception>
    public Tensor Forward(Tensor inputIds, KvCache? cache)
    {
        ValidateInput(inputIds, cache);
        using var scope = NewDisposeScope();
        var hidden = model.Forward(inputIds, cache);
        var logits = lm_head is null
            ? nn.functional.linear(hidden, model.EmbedTokens.weight!)
            : lm_head.forward(hidden);
        return logits.to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    private void ValidateInput(Tensor inputIds, KvCache? cache)
    {
        if (inputIds.dim() != 2 || inputIds.shape[1] == 0 || inputIds.shape[0] == 0)
        {
            throw new ArgumentException(
                $"input ids must be a [batch, seq] tensor with batch and seq >= 1 (got shape [{string.Join(", ", inputIds.shape)}])", nameof(inputIds));
        }
        if (inputIds.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"input ids must be int64 (got {inputIds.dtype})", nameof(inputIds));
        }
        var past = cache?.Length ?? 0;
        if (past + inputIds.shape[1] > Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException(
                $"sequence of {past + inputIds.shape[1]} positions ({past} cached + {inputIds.shape[1]} new) exceeds max_position_embeddings={Config.MaxPositionEmbeddings}",
                nameof(inputIds));
        }
        if (cache is not null)
        {
            if (cache.NumLayers != Config.NumHiddenLayers)
            {
                throw new ArgumentException($"the cache has {cache.NumLayers} layers but the model has num_hidden_layers={Config.NumHiddenLayers}", nameof(cache));
            }
            if (past > 0 && cache.BatchSize != inputIds.shape[0])
            {
                throw new ArgumentException($"the cache holds a batch of {cache.BatchSize} sequences but the input has {inputIds.shape[0]}", nameof(cache));
            }
        }
        // The meta device has shapes but no values to check.
        if (inputIds.device_type != DeviceType.META)
        {
            using var min = inputIds.min();
            using var max = inputIds.max();
            var smallest = min.item<long>();
            var largest = max.item<long>();
            if (smallest < 0 || largest >= Config.VocabSize)
            {
                var offending = smallest < 0 ? smallest : largest;
                throw new ArgumentException($"token id {offending} is outside the vocabulary [0, {Config.VocabSize}) (vocab_size={Config.VocabSize})", nameof(inputIds));
            }
        }
    }

    private void InitializeWeights(Generator? generator)
    {
        using var noGrad = no_grad();
        foreach (var (_, parameter) in named_parameters())
        {
            // Matrices (projections, embedding, head) get the small normal init; vectors are the RMSNorm scales.
            if (parameter.dim() == 2)
            {
                // Tensor.normal_ rather than nn.init.normal_, which ignores its generator argument in TorchSharp 0.107.
                parameter.normal_(0, InitStd, generator);
            }
            else
            {
                nn.init.ones_(parameter);
            }
        }
    }
}
