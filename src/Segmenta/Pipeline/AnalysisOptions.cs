using Segmenta.Cleaning;
using Segmenta.Exploration;
using Segmenta.Features;
using Segmenta.Loading;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Reporting;

namespace Segmenta.Pipeline;

/// <summary>Everything <c>segmenta analyze</c> needs: the input, where results go, and each stage's options.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Source files to import (skipped when already in the store). May be empty to re-analyse the store.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Folder for the CSV outputs; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Database file; null = segmenta.duckdb inside <see cref="OutputDirectory"/>.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>How to read the inputs.</summary>
    public ImportOptions Import { get; init; } = new();

    /// <summary>Cleaning rules.</summary>
    public CleaningOptions Cleaning { get; init; } = new();

    /// <summary>Customer features.</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Monthly, product, country, customer and cohort tables.</summary>
    public ExplorationOptions Exploration { get; init; } = new();

    /// <summary>Clustering of customers; null = RFM segments only.</summary>
    public SegmentationOptions? Segmentation { get; init; } = new();

    /// <summary>Product recommendations and their offline evaluation; null = skip.</summary>
    public Recommending.RecommendationOptions? Recommendation { get; init; } = new();

    /// <summary>Customer lifetime value and churn risk; null = skip.</summary>
    public Lifetime.LifetimeOptions? Lifetime { get; init; } = new();

    /// <summary>Product categories and the segments' category preferences.</summary>
    public Categories.CategoryOptions Categories { get; init; } = new();

    /// <summary>Segment profiles, names and actions.</summary>
    public ProfilingOptions Profiling { get; init; } = new();

    /// <summary>The HTML report.</summary>
    public ReportOptions Report { get; init; } = new();

    /// <summary>Every stage's options as one record (what a run stores and a re-run starts from).</summary>
    public RunOptions Stages => new()
    {
        Inputs = Inputs, Import = Import, Cleaning = Cleaning, Features = Features, Exploration = Exploration, Segmentation = Segmentation,
        Recommendation = Recommendation, Lifetime = Lifetime, Profiling = Profiling, Report = Report,
    };

    /// <summary>These locations with every stage's options taken from <paramref name="stages"/> (inputs stay as they are).</summary>
    public AnalysisOptions With(RunOptions stages) => this with
    {
        Import = stages.Import, Cleaning = stages.Cleaning, Features = stages.Features, Exploration = stages.Exploration,
        Segmentation = stages.Segmentation, Recommendation = stages.Recommendation, Lifetime = stages.Lifetime, Profiling = stages.Profiling,
        Report = stages.Report,
    };

    /// <summary>Where the transaction-level SQL runs: the local DuckDB file (default) or PostgreSQL (<see cref="Postgres"/>).</summary>
    public Store.Engine Engine { get; init; } = Store.Engine.DuckDb;

    /// <summary>The server, schema, source table and shards of <see cref="Store.Engine.Postgres"/>; null with DuckDB.</summary>
    public Postgres.PostgresOptions? Postgres { get; init; }

    /// <summary>
    /// True (default): the steps after the customer features that do not read each other's tables (exploring, categories,
    /// lifetime value beside segmenting; recommending beside the category preferences and outputs) run at the same time,
    /// each on its own connection; the outputs are the same either way. False runs them one after another, so each
    /// step's CPU time is its own (also set by the environment variable SEGMENTA_SEQUENTIAL=1).
    /// </summary>
    public bool ConcurrentSteps { get; init; } = true;

    /// <summary>The database file that will be used.</summary>
    public string ResolvedDatabasePath => DatabasePath ?? Path.Combine(OutputDirectory, "segmenta.duckdb");
}
