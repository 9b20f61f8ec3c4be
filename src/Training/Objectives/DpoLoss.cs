using TorchSharp;
using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>
/// The DPO objective of the paper (Eq. 2):
/// −log σ(β·[(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))]), averaged over pairs.
/// </summary>
public static class DpoLoss
{
    /// <summary>The default β of the paper.</summary>
    public const double DefaultBeta = 0.1;

    /// <summary>Computes the loss from summed sequence log-probabilities, each [pairs].</summary>
    /// <param name="policyChosen">log π(chosen | prompt), with gradient.</param>
    /// <param name="policyRejected">log π(rejected | prompt), with gradient.</param>
    /// <param name="referenceChosen">log π_ref(chosen | prompt), constant.</param>
    /// <param name="referenceRejected">log π_ref(rejected | prompt), constant.</param>
    /// <param name="beta">Strength of the implicit KL constraint to the reference.</param>
    public static DpoLossResult Compute(Tensor policyChosen, Tensor policyRejected, Tensor referenceChosen, Tensor referenceRejected, double beta = DefaultBeta)
    {
        ArgumentNullException.ThrowIfNull(policyChosen);
        ArgumentNullException.ThrowIfNull(policyRejected);
        ArgumentNullException.ThrowIfNull(referenceChosen);
        ArgumentNullException.ThrowIfNull(referenceRejected);
        if (!(beta > 0) || double.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be a positive number.");
        }

        var pairs = policyChosen.shape;
        foreach (var (tensor, name) in new[] { (policyRejected, nameof(policyRejected)), (referenceChosen, nameof(referenceChosen)), (referenceRejected, nameof(referenceRejected)) })
        {
            if (!tensor.shape.SequenceEqual(pairs))
            {
                throw new ArgumentException($"{name} must have the shape of policyChosen [{string.Join(", ", pairs)}]; got [{string.Join(", ", tensor.shape)}].", name);
            }
        }

        using var scope = NewDisposeScope();
        // The reference is frozen: no gradient may flow into it even if a caller passes a live tensor.
        var chosenRewards = beta * (policyChosen - referenceChosen.detach());
        var rejectedRewards = beta * (policyRejected - referenceRejected.detach());
        var logits = chosenRewards - rejectedRewards;
        var loss = (-nn.functional.logsigmoid(logits)).mean();

        using var noGrad = no_grad();
        var accuracy = (chosenRewards > rejectedRewards).to_type(ScalarType.Float64).mean().item<double>();
        var chosen = chosenRewards.to_type(ScalarType.Float64).mean().item<double>();
        var rejected = rejectedRewards.to_type(ScalarType.Float64).mean().item<double>();
        var margin = logits.to_type(ScalarType.Float64).mean().item<double>();
        return new DpoLossResult(loss.MoveToOuterDisposeScope(), accuracy, chosen, rejected, margin);
    }
}
