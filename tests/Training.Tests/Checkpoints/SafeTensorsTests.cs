using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Vpo.Training.Checkpoints;
using static TorchSharp.torch;

namespace Vpo.Training.Tests.Checkpoints;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("vpo-safetensors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void Written_files_follow_the_safetensors_layout()
    {
        var path = PathOf("layout.safetensors");
        using var a = tensor(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        using var b = tensor(new float[] { 1, 2, 3, 4 }).to(ScalarType.BFloat16);
        using var c = tensor(new long[] { 7, -8 });

        SafeTensorsWriter.Write(path, [new("a", a), new("b", b), new("c", c)]);

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + headerLength) % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength));
        var root = header.RootElement;
        Assert.Equal("pt", root.GetProperty("__metadata__").GetProperty("format").GetString());
        Assert.Equal("F32", root.GetProperty("a").GetProperty("dtype").GetString());
        Assert.Equal("[2,3]", root.GetProperty("a").GetProperty("shape").GetRawText());
        Assert.Equal("[0,24]", root.GetProperty("a").GetProperty("data_offsets").GetRawText());
        Assert.Equal("BF16", root.GetProperty("b").GetProperty("dtype").GetString());
        Assert.Equal("[24,32]", root.GetProperty("b").GetProperty("data_offsets").GetRawText());
        Assert.Equal("[32,48]", root.GetProperty("c").GetProperty("data_offsets").GetRawText());
        var data = bytes.AsSpan(8 + headerLength);
        Assert.Equal(48, data.Length);
        Assert.Equal(6f, BinaryPrimitives.ReadSingleLittleEndian(data[20..]));
        Assert.Equal(0x3F80, BinaryPrimitives.ReadUInt16LittleEndian(data[24..]));
        Assert.Equal(-8L, BinaryPrimitives.ReadInt64LittleEndian(data[40..]));
    }

    [Theory]
    [InlineData("BF16")]
    [InlineData("F16")]
    [InlineData("F32")]
    public void Hand_written_values_read_back_as_the_floats_the_format_holds(string dtype)
    {
        var path = PathOf($"{dtype}.safetensors");
        float[] values = [1f, -2.5f, 0.15625f, 3.14159265f, -1e-3f, 60000f, 0f, 1 / 3f];
        HandWrittenSafeTensors.WriteFile(path, [new("w", [2, 4], values, dtype)]);

        using var reader = SafeTensorsReader.Open(path);
        using var raw = reader.Read("w");
        using var asFloat = reader.Read("w", ScalarType.Float32);

        var expectedType = dtype switch { "BF16" => ScalarType.BFloat16, "F16" => ScalarType.Float16, _ => ScalarType.Float32 };
        Assert.Equal(expectedType, raw.dtype);
        Assert.Equal([2L, 4L], asFloat.shape);
        Assert.Equal(values.Select(v => HandWrittenSafeTensors.RoundTrip(v, dtype)), asFloat.data<float>().ToArray());
        if (dtype == "BF16")
        {
            // bf16 keeps 8 bits of mantissa: 1/3 is stored as 0.333984375.
            Assert.Equal(0.333984375f, asFloat.data<float>()[7]);
        }
    }

    [Fact]
    public void Tensors_of_every_supported_type_survive_a_write_and_read()
    {
        var path = PathOf("roundtrip.safetensors");
        using var scope = NewDisposeScope();
        var source = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(3, 5),
            ["f16"] = randn(4).to(ScalarType.Float16),
            ["bf16"] = randn(2, 2, 2).to(ScalarType.BFloat16),
            ["f64"] = randn(3, dtype: ScalarType.Float64),
            ["i64"] = tensor(new long[] { long.MaxValue, -1 }),
            ["i32"] = tensor(new[] { 5, -6 }),
            ["u8"] = tensor(new byte[] { 0, 255 }),
            ["bool"] = tensor(new[] { true, false, true }),
            ["scalar"] = tensor(2.5f),
            ["empty"] = zeros(0, 4),
        };

        SafeTensorsWriter.Write(path, source);
        using var reader = SafeTensorsReader.Open(path);

        Assert.Equal(source.Keys, reader.Tensors.Keys);
        foreach (var (name, expected) in source)
        {
            var actual = reader.Read(name);
            Assert.Equal(expected.dtype, actual.dtype);
            Assert.Equal(expected.shape, actual.shape);
            Assert.True(expected.eq(actual).all().item<bool>(), $"{name} changed in the round trip");
        }
    }

    [Fact]
    public void A_truncated_file_names_the_file_and_the_tensor_cut_off()
    {
        var path = PathOf("cut.safetensors");
        HandWrittenSafeTensors.WriteFile(path, [new("first", [4], [1, 2, 3, 4]), new("second", [8], new float[8])]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);

        var error = Assert.Throws<InvalidCheckpointException>(() => SafeTensorsReader.Open(path));

        Assert.Equal("second", error.TensorName);
        Assert.Contains(path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_its_header_is_reported_as_truncated()
    {
        var path = PathOf("short.safetensors");
        HandWrittenSafeTensors.WriteFile(path, [new("w", [2], [1, 2])]);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);

        var error = Assert.Throws<InvalidCheckpointException>(() => SafeTensorsReader.Open(path));

        Assert.Contains($"{path} is truncated", error.Message);
    }

    [Fact]
    public void An_unsupported_dtype_is_named_with_the_tensor_and_the_supported_types()
    {
        var path = PathOf("f8.safetensors");
        HandWrittenSafeTensors.WriteRaw(path, """{"w":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}}""", new byte[4]);

        var error = Assert.Throws<InvalidCheckpointException>(() => SafeTensorsReader.Open(path));

        Assert.Equal("w", error.TensorName);
        Assert.Contains("F8_E4M3", error.Message);
        Assert.Contains("BF16", error.Message);
    }

    [Fact]
    public void Data_offsets_that_disagree_with_the_shape_are_rejected()
    {
        var path = PathOf("offsets.safetensors");
        HandWrittenSafeTensors.WriteRaw(path, """{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}}""", new byte[16]);

        var error = Assert.Throws<InvalidCheckpointException>(() => SafeTensorsReader.Open(path));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("needs 24 bytes", error.Message);
    }

    [Fact]
    public void A_header_that_is_not_json_is_rejected_naming_the_file()
    {
        var path = PathOf("garbage.safetensors");
        HandWrittenSafeTensors.WriteRaw(path, "{\"w\": [oops", new byte[8]);

        var error = Assert.Throws<InvalidCheckpointException>(() => SafeTensorsReader.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Reading_a_name_the_file_lacks_says_so()
    {
        var path = PathOf("one.safetensors");
        HandWrittenSafeTensors.WriteFile(path, [new("present", [1], [1])]);
        using var reader = SafeTensorsReader.Open(path);

        var error = Assert.Throws<InvalidCheckpointException>(() => reader.Read("absent"));

        Assert.Equal("absent", error.TensorName);
    }
}
