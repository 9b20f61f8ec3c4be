using Vpo.Inference.Prompting;
using Vpo.Training.Data;
using Vpo.Training.Tests.Support;

namespace Vpo.Training.Tests.Data;

public sealed class TrainingExampleEncoderTests
{
    [Fact]
    public void The_user_turn_is_the_vpo_instruction_with_the_raw_query()
    {
        var chat = new WordChatEncoder();
        var encoder = new TrainingExampleEncoder(chat, 512, "sft.jsonl");

        encoder.Encode(new SftRecord("a cat &amp; a dog -ar 16:9", "A cat and a dog play.", 1));

        Assert.Equal(VpoInstruction.Format("a cat &amp; a dog -ar 16:9"), chat.LastUserMessage);
    }

    [Fact]
    public void The_response_starts_after_the_assistant_header_and_ends_with_end_of_turn()
    {
        var chat = new WordChatEncoder();
        var encoder = new TrainingExampleEncoder(chat, 512, "sft.jsonl");

        var example = encoder.Encode(new SftRecord("sunset", "A golden sunset .", 1));

        Assert.Equal(WordChatEncoder.EndHeader, example.Ids[example.ResponseStart - 1]);
        Assert.Equal(5, example.ResponseLength);
        Assert.Equal(WordChatEncoder.EndOfTurn, example.Ids[^1]);
    }

    [Fact]
    public void A_query_longer_than_the_context_fails_with_its_line_and_the_token_counts()
    {
        var chat = new WordChatEncoder(4096);
        var encoder = new TrainingExampleEncoder(chat, 200, "sft.jsonl");
        var longQuery = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"));

        var error = Assert.Throws<TrainingDataException>(() => encoder.Encode(new SftRecord(longQuery, "short", 17)));

        Assert.Equal(17, error.Line);
        Assert.Contains("query is too long", error.Message);
        Assert.Contains("context length is 200", error.Message);
    }

    [Fact]
    public void An_over_long_response_is_cut_at_the_context_length_and_counted()
    {
        var chat = new WordChatEncoder(4096);
        var encoder = new TrainingExampleEncoder(chat, 200, "sft.jsonl");
        var longPrompt = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"p{i}"));

        var example = encoder.Encode(new SftRecord("q", longPrompt, 1));

        Assert.Equal(200, example.Ids.Length);
        Assert.Equal(1, encoder.TruncatedResponses);
    }

    [Fact]
    public void Both_sides_of_a_pair_share_the_prompt()
    {
        var encoder = new TrainingExampleEncoder(new WordChatEncoder(), 512, "pairs.jsonl");

        var pair = encoder.Encode(new PreferenceRecord("q", "good answer", "bad answer here", PreferenceSource.Text, 1));

        Assert.Equal(pair.Chosen.ResponseStart, pair.Rejected.ResponseStart);
        Assert.Equal(pair.Chosen.Ids[..pair.Chosen.ResponseStart], pair.Rejected.Ids[..pair.Rejected.ResponseStart]);
        Assert.Equal(3, pair.Chosen.ResponseLength);
        Assert.Equal(4, pair.Rejected.ResponseLength);
    }
}
