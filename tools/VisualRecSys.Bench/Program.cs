using VisualRecSys.Bench;

// Benchmarks that print a table and write JSON reports (and a chart) for the README and for comparing machines and
// versions: see README, "Benchmarks". `index` and `embed`, each with --data-dir.
return await BenchCommands.RunAsync(args);
