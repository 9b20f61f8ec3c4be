using Vpo.Training.Modeling;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Modeling;

public sealed class KvCacheTests
{
    [Fact]
    public void Appending_grows_each_layer_along_the_sequence()
    {
        using var cache = new KvCache(2);
        using var scope = NewDisposeScope();

        cache.Append(0, ones(3, 2, 4, 8), ones(3, 2, 4, 8));
        var (keys, values) = cache.Append(0, zeros(3, 2, 1, 8), zeros(3, 2, 1, 8));

        Assert.Equal([3L, 2L, 5L, 8L], keys.shape);
        Assert.Equal([3L, 2L, 5L, 8L], values.shape);
        Assert.Equal(5, cache.Length);
        Assert.Equal(3, cache.BatchSize);
        Assert.Equal(1f, keys[0, 0, 3, 0].item<float>());
        Assert.Equal(0f, keys[0, 0, 4, 0].item<float>());
    }

    [Fact]
    public void Cached_tensors_outlive_the_dispose_scope_that_made_them()
    {
        using var cache = new KvCache(1);
        using (NewDisposeScope())
        {
            cache.Append(0, ones(1, 1, 2, 4), ones(1, 1, 2, 4));
        }

        using var scope = NewDisposeScope();
        var (keys, _) = cache.Append(0, ones(1, 1, 1, 4), ones(1, 1, 1, 4));

        Assert.Equal(12f, keys.sum().item<float>());
    }

    [Fact]
    public void A_different_batch_size_is_rejected_with_both_shapes()
    {
        using var cache = new KvCache(1);
        using var scope = NewDisposeScope();
        cache.Append(0, ones(2, 2, 3, 8), ones(2, 2, 3, 8));

        var error = Assert.Throws<ArgumentException>(() => cache.Append(0, ones(1, 2, 1, 8), ones(1, 2, 1, 8)));

        Assert.Contains("[2, 2, 3, 8]", error.Message);
        Assert.Contains("[1, 2, 1, 8]", error.Message);
    }

    [Fact]
    public void A_cache_for_another_model_shape_is_rejected_by_the_model()
    {
        using var model = TinyLlama.Model();
        using var cache = new KvCache(3);

        var error = Assert.Throws<ArgumentException>(() => model.Forward(TinyLlama.Ids([1, 2]), cache));

        Assert.Contains("num_hidden_layers=2", error.Message);
    }

    [Fact]
    public void Expanding_one_cached_sequence_gives_every_row_the_same_past()
    {
        using var cache = new KvCache(2);
        using var scope = NewDisposeScope();
        cache.Append(0, arange(8f).reshape(1, 1, 2, 4), ones(1, 1, 2, 4));
        cache.Append(1, ones(1, 1, 2, 4), ones(1, 1, 2, 4));

        cache.ExpandBatch(3);
        var (keys, _) = cache.Append(0, zeros(3, 1, 1, 4), zeros(3, 1, 1, 4));

        Assert.Equal(3, cache.BatchSize);
        Assert.Equal([3L, 1L, 3L, 4L], keys.shape);
        Assert.Equal(7f, keys[2, 0, 1, 3].item<float>());
        Assert.Equal(0f, keys[2, 0, 2, 3].item<float>());
    }

    [Fact]
    public void Only_a_filled_cache_of_one_sequence_can_be_expanded()
    {
        using var cache = new KvCache(1);
        using var scope = NewDisposeScope();

        Assert.Throws<InvalidOperationException>(() => cache.ExpandBatch(2));
        cache.Append(0, ones(2, 1, 2, 4), ones(2, 1, 2, 4));
        var error = Assert.Throws<InvalidOperationException>(() => cache.ExpandBatch(4));

        Assert.Contains("holds 2 sequences", error.Message);
    }
}
