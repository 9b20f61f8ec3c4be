namespace Vpo.Inference;
