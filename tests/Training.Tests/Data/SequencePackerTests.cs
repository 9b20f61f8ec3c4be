using Vpo.Training.Data;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Data;

public sealed class SequencePackerTests
{
    [Fact]
    public void Documents_are_framed_concatenated_and_cut_into_full_sequences()
    {
        var encoder = new WordChatEncoder();
        var sequences = SequencePacker.Pack(["a b c", "d e", "f g h i"], encoder, 4);

        // Stream: BOS a b c EOS BOS d e EOS BOS f g h i EOS = 15 tokens -> 3 sequences, 3 dropped.
        Assert.Equal(3, sequences.Count);
        Assert.All(sequences, s => Assert.Equal(4, s.Length));
        Assert.Equal(WordChatEncoder.BeginOfText, sequences[0][0]);
        Assert.Equal(WordChatEncoder.EndOfText, sequences[1][0]);
        Assert.Equal(WordChatEncoder.BeginOfText, sequences[1][1]);
    }
}
