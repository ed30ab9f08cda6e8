return Segmenta.Cli.CliApp.Run(args);
