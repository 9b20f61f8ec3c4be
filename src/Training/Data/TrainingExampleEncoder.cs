using Vpo.Inference.Prompting;

namespace Vpo.Training.Data;

/// <summary>
/// Turns records into token sequences exactly as the service prompts the model at inference: the VPO
/// instruction with the raw query is the user turn, the prompt is the assistant turn.
/// </summary>
public sealed class TrainingExampleEncoder
{
    private readonly IChatEncoder _encoder;
    private readonly int _contextLength;
    private readonly string _path;

    /// <summary>Creates an encoder for one data file (its path appears in error messages).</summary>
    public TrainingExampleEncoder(IChatEncoder encoder, int contextLength, string path)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        _encoder = encoder;
        _contextLength = contextLength;
        _path = path;
    }

    /// <summary>How many encoded responses were cut at the context length so far.</summary>
    public int TruncatedResponses { get; private set; }

    /// <summary>Encodes one SFT record.</summary>
    public ResponseExample Encode(SftRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Encode(record.Query, record.Prompt, record.Line);
    }

    /// <summary>Encodes both sides of a preference pair.</summary>
    public PreferenceExample Encode(PreferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PreferenceExample(Encode(record.Query, record.Chosen, record.Line), Encode(record.Query, record.Rejected, record.Line));
    }

    private ResponseExample Encode(string query, string response, int line)
    {
        var chat = _encoder.EncodeChat(VpoInstruction.Format(query), response);
        if (chat.ResponseStart < 1 || chat.ResponseStart >= chat.Ids.Count)
        {
            throw new TrainingDataException(_path, line, $"the chat encoder put the response start at {chat.ResponseStart} in a sequence of {chat.Ids.Count} tokens.");
        }

        // The prompt must leave room for at least one response token: otherwise there is nothing to learn and
        // the service could not answer this query either.
        if (chat.ResponseStart >= _contextLength)
        {
            throw new TrainingDataException(
                _path,
                line,
                $"the query is too long: instruction and query take {chat.ResponseStart} tokens, but the context length is {_contextLength} " +
                "and at least one response token must fit. Shorten the query or raise the context length.");
        }

        var ids = chat.Ids.ToArray();
        if (ids.Length > _contextLength)
        {
            // Same as the paper's cut-off: the tail of an over-long response is dropped.
            ids = ids[.._contextLength];
            TruncatedResponses++;
        }

        return new ResponseExample(ids, chat.ResponseStart);
    }
}
