using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vpo.Training.Modeling;

/// <summary>
/// Reads a token id field that Hugging Face configs write either as one integer or as an array of integers
/// (Llama 3 instruct lists both <c>&lt;|end_of_text|&gt;</c> and <c>&lt;|eot_id|&gt;</c>), and writes one id as an integer.
/// </summary>
public sealed class TokenIdsJsonConverter : JsonConverter<IReadOnlyList<int>>
{
    /// <inheritdoc />
    public override IReadOnlyList<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return [reader.GetInt32()];
            case JsonTokenType.StartArray:
                var ids = new List<int>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        throw new JsonException($"expected an integer token id inside the array, found {reader.TokenType}");
                    }
                    ids.Add(reader.GetInt32());
                }
                return ids;
            default:
                throw new JsonException($"expected a token id or an array of token ids, found {reader.TokenType}");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteNumberValue(value[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var id in value)
        {
            writer.WriteNumberValue(id);
        }
        writer.WriteEndArray();
    }
}
