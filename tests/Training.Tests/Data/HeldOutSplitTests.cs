using Vpo.Training.Data;

namespace Vpo.Training.Tests.Data;

public sealed class HeldOutSplitTests
{
    [Fact]
    public void The_split_is_disjoint_complete_and_the_same_for_the_same_seed()
    {
        var items = Enumerable.Range(0, 50).ToList();
        var (train, eval) = HeldOutSplit.Split(items, 0.1, 3);
        var (train2, eval2) = HeldOutSplit.Split(items, 0.1, 3);
        var (_, evalOtherSeed) = HeldOutSplit.Split(items, 0.1, 4);

        Assert.Equal(5, eval.Count);
        Assert.Empty(train.Intersect(eval));
        Assert.Equal(items, train.Concat(eval).Order());
        Assert.Equal(eval, eval2);
        Assert.Equal(train, train2);
        Assert.NotEqual(eval, evalOtherSeed);
    }

    [Fact]
    public void A_positive_fraction_holds_out_at_least_one_but_never_all()
    {
        Assert.Single(HeldOutSplit.Split([1, 2, 3], 0.01, 1).Eval);
        Assert.Equal(2, HeldOutSplit.Split([1, 2, 3], 0.99, 1).Eval.Count);
        Assert.Empty(HeldOutSplit.Split([1, 2, 3], 0, 1).Eval);
    }
}
