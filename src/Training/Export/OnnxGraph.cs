using Google.Protobuf;
using Vpo.Training.Export.Schema;
using DataType = Vpo.Training.Export.Schema.TensorProto.Types.DataType;

namespace Vpo.Training.Export;

/// <summary>
/// Accumulates the nodes, initializers, inputs and outputs of one ONNX graph. Node outputs are named
/// "{node}/output_{i}" like ONNX Runtime GenAI's builder, which keeps exported graphs easy to compare.
/// </summary>
internal sealed class OnnxGraph(ExternalDataWriter? externalData)
{
    /// <summary>Initializers at least this large go to the external data file when one is used.</summary>
    private const int ExternalThresholdBytes = 1024;

    public GraphProto Proto { get; } = new() { Name = "main_graph" };

    /// <summary>Adds a node and returns the names of its outputs ("" for outputs the caller leaves unused).</summary>
    public string[] Node(string opType, string name, IReadOnlyList<string> inputs, int outputCount = 1,
        string domain = "", IReadOnlyList<AttributeProto>? attributes = null, IReadOnlyList<bool>? usedOutputs = null)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        if (domain.Length > 0) node.Domain = domain;
        node.Input.AddRange(inputs);
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = usedOutputs is null || usedOutputs[i] ? $"{name}/output_{i}" : "";
        }
        node.Output.AddRange(outputs);
        if (attributes is not null) node.Attribute.AddRange(attributes);
        Proto.Node.Add(node);
        return outputs;
    }

    public string Single(string opType, string name, IReadOnlyList<string> inputs, string domain = "",
        params AttributeProto[] attributes) =>
        Node(opType, name, inputs, 1, domain, attributes)[0];

    public void Initializer(string name, DataType type, IReadOnlyList<long> dims, ReadOnlySpan<byte> littleEndianData)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        if (externalData is not null && littleEndianData.Length >= ExternalThresholdBytes)
        {
            var (offset, length) = externalData.Append(littleEndianData);
            tensor.DataLocation = TensorProto.Types.DataLocation.External;
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = externalData.FileName });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        else
        {
            tensor.RawData = ByteString.CopyFrom(littleEndianData);
        }
        Proto.Initializer.Add(tensor);
    }

    public void FloatInitializer(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values) =>
        Initializer(name, DataType.Float, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    public void Int64Initializer(string name, IReadOnlyList<long> dims, ReadOnlySpan<long> values) =>
        Initializer(name, DataType.Int64, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    public void Input(string name, DataType type, params object[] shape) => Proto.Input.Add(ValueInfo(name, type, shape));

    public void Output(string name, DataType type, params object[] shape) => Proto.Output.Add(ValueInfo(name, type, shape));

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>Shape entries are either a fixed size (int or long) or a symbolic dimension name (string).</summary>
    private static ValueInfoProto ValueInfo(string name, DataType type, object[] shape)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dimension in shape)
        {
            tensorShape.Dim.Add(dimension switch
            {
                string symbol => new TensorShapeProto.Types.Dimension { DimParam = symbol },
                int size => new TensorShapeProto.Types.Dimension { DimValue = size },
                long size => new TensorShapeProto.Types.Dimension { DimValue = size },
                _ => throw new ArgumentException($"Unsupported dimension '{dimension}' for '{name}'.", nameof(shape)),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }
}
