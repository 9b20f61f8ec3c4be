using Vpo.Training.Cli;

return await VpoTrainCli.Build().Parse(args).InvokeAsync();
