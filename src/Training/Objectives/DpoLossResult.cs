using static TorchSharp.torch;

namespace Vpo.Training.Objectives;

/// <summary>
/// The DPO loss of a batch and the statistics trainers log with it. Rewards are the implicit DPO rewards
/// β·(log π(y|x) − log π_ref(y|x)), averaged over the batch.
/// </summary>
/// <param name="Loss">Scalar loss with its autograd graph; the caller owns and disposes it.</param>
/// <param name="RewardAccuracy">Share of pairs whose chosen reward exceeds the rejected reward.</param>
/// <param name="ChosenReward">Mean reward of the chosen responses.</param>
/// <param name="RejectedReward">Mean reward of the rejected responses.</param>
/// <param name="Margin">Mean of chosen minus rejected reward.</param>
public sealed record DpoLossResult(Tensor Loss, double RewardAccuracy, double ChosenReward, double RejectedReward, double Margin);
