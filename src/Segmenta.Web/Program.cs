// Run directly: dotnet run --project src/Segmenta.Web -- --db out/segmenta.duckdb [--urls http://127.0.0.1:5080]
// (usually started through `segmenta serve`).
Segmenta.Web.SegmentaWeb.Build(new Segmenta.Web.WebOptions(), args).Run();

/// <summary>The entry point, visible to integration tests (WebApplicationFactory).</summary>
public partial class Program;
