namespace Vpo.Bench.Load;

/// <summary>
/// What every load request asks for: greedy decoding of exactly <see cref="NewTokens"/> tokens (min = max), so each
/// request costs the same work and runs are comparable. Greedy needs no seed; the query order is fixed by the
/// shuffle seed instead (a per-request seed would also force each request into a generator of its own).
/// </summary>
public sealed record LoadSettings(int NewTokens, TimeSpan Duration);
