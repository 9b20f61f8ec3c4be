using Vpo.Training.Data;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Data;

public sealed class ResponseBatchTests
{
    [Fact]
    public void Rows_are_right_padded_and_only_response_tokens_are_masked_in()
    {
        using var batch = ResponseBatch.Collate([new ResponseExample([1, 2, 3, 4], 2), new ResponseExample([1, 5, 6], 1)], paddingId: 0, CPU);

        Assert.Equal(new long[] { 1, 2, 3, 4, 1, 5, 6, 0 }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new[] { false, false, true, true, false, true, true, false }, batch.ResponseMask.data<bool>().ToArray());
        Assert.Equal(7, batch.Tokens);
    }

    [Fact]
    public void Skipping_a_cached_start_drops_it_from_every_row_but_still_counts_it()
    {
        using var batch = ResponseBatch.Collate([new ResponseExample([1, 2, 3, 4, 5], 3), new ResponseExample([1, 2, 6, 7], 3)], paddingId: 0, CPU, skip: 2);

        Assert.Equal(new long[] { 3, 4, 5, 6, 7, 0 }, batch.InputIds.data<long>().ToArray());
        Assert.Equal(new[] { false, true, true, false, true, false }, batch.ResponseMask.data<bool>().ToArray());
        Assert.Equal(9, batch.Tokens);
    }

    [Fact]
    public void Skipping_into_a_response_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => ResponseBatch.Collate([new ResponseExample([1, 2, 3, 4, 5], 3), new ResponseExample([1, 2, 6, 7], 2)], paddingId: 0, CPU, skip: 2));

        Assert.Equal("skip", error.ParamName);
    }
}
