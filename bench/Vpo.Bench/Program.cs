using Vpo.Bench.Generation;

// Usage: dotnet run --project bench/Vpo.Bench -c Release -- greedy <model-folder> [batch sizes, e.g. 1,8] [new tokens] [prompt tokens]
return args is ["greedy", var model, ..]
    ? GreedyThroughput.Run(model,
        args.Length > 2 ? args[2].Split(',').Select(int.Parse).ToArray() : [1, 8],
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 64,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 32)
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: Vpo.Bench greedy <model-folder> [batch-sizes] [new-tokens] [prompt-tokens]");
    return 2;
}
