namespace Vpo.Training.Export;

/// <summary>A float32 weight in row-major order with its shape, as read from a checkpoint.</summary>
public sealed record WeightTensor(long[] Shape, float[] Values);

/// <summary>Where the exporter reads weights from, by Hugging Face Llama checkpoint key.</summary>
public interface IWeightSource
{
    /// <summary>Returns the tensor stored under <paramref name="name"/>, or null when there is none.</summary>
    WeightTensor? Find(string name);
}
