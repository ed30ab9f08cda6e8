using Segmenta.Cleaning;

namespace Segmenta.Recommending;

/// <summary>Recommendation settings; validated when <see cref="Recommender.Run"/> starts.</summary>
public sealed record RecommendationOptions
{
    /// <summary>Products recommended per customer. Default 10.</summary>
    public int Top { get; init; } = 10;

    /// <summary>
    /// The last day of the training data in the offline evaluation (lines on that day are training; the test is every
    /// later line). Null (the default) holds out the last three calendar months: the cut is the day before
    /// (last purchase date − 3 months), i.e. 2011-09-08 when the data ends on 2011-12-09, so the test window
    /// 2011-09-09 .. 2011-12-09 is exactly three months long.
    /// </summary>
    public DateOnly? Cutoff { get; init; }

    /// <summary>Which kinds of picks the lists hold: both (default), buy-again only or new products only.</summary>
    public RecommendationMode Mode { get; init; } = RecommendationMode.Both;

    /// <summary>The method written to recommendations; null (default) takes the one <see cref="Mode"/> names.</summary>
    public RecommendationMethod? Method { get; init; }

    /// <summary>EASE: at most this many products (those with the most buyers) enter the model; memory is this squared times 8 bytes (700 → 3.9 MB). Default 700 (tuned on validation).</summary>
    public int EaseProducts { get; init; } = 700;

    /// <summary>EASE: products with fewer buyers up to the reference day stay out of the model. Default 5.</summary>
    public int EaseMinBuyers { get; init; } = 5;

    /// <summary>EASE: the ridge penalty λ added to the Gram matrix's diagonal. Default 200 (tuned on validation).</summary>
    public double EaseLambda { get; init; } = 200;

    /// <summary>EASE: half-life in days of an interaction, counted from the customer's last purchase of the product. Default 90 (tuned on validation).</summary>
    public double EaseHalfLifeDays { get; init; } = 90;

    /// <summary>The method the lists use: <see cref="Method"/> when set, else the one of <see cref="Mode"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RecommendationMethod ListMethod => Method ?? Mode switch
    {
        RecommendationMode.BuyAgain => RecommendationMethod.BuyAgain,
        RecommendationMode.Discover => RecommendationMethod.Discovery,
        _ => RecommendationMethod.BuyAgainAndDiscovery,
    };

    /// <summary>Products with no sale in this many days up to the reference day count as no longer sold and are never offered. Default 90.</summary>
    public int ActiveDays { get; init; } = 90;

    /// <summary>The window of the recent-popularity baseline, in days up to the reference day. Default 30.</summary>
    public int RecentDays { get; init; } = 30;

    /// <summary>Item-to-item: minimum number of customers who bought both products for a similarity to count. Default 3.</summary>
    public int MinSupport { get; init; } = 3;

    /// <summary>Association rules: minimum number of orders holding both products. Default 10.</summary>
    public int MinRuleOrders { get; init; } = 10;

    /// <summary>Neighbours kept per product for item-to-item and rule scoring. Default 50.</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Rules per product written to frequently-bought-together.csv. Default 5.</summary>
    public int RulesPerProduct { get; init; } = 5;

    /// <summary>Half-life in days of the weight of a past purchase (own favourites and item-to-item scoring). Default 90.</summary>
    public double RecencyHalfLifeDays { get; init; } = 90;

    /// <summary>Customers with fewer distinct products than this get the blend's cold-start list. Default 3.</summary>
    public int ColdStartProducts { get; init; } = 3;

    /// <summary>The list length K of the offline metrics. Default 10.</summary>
    public int EvaluationK { get; init; } = 10;

    /// <summary>Bootstrap resamples of customers for the 95% intervals. Default 1000; 0 skips the intervals.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>
    /// The offline evaluation judges every eligible customer up to this many; above it, this many chosen by a hash of
    /// their id and <see cref="Seed"/> (<see cref="EvaluationSample"/>), and the outputs state the sample (the
    /// evaluation's Customers column, the report and the terminal say "of N"). Default 10,000: the 95% intervals of
    /// precision@10 are then about ±0.0025 wide (±0.0055 at the shared data's 1,859), and the shared data
    /// (1,918 and 1,859 eligible) and a 1M-line shop (≈ 2,000) are evaluated exactly; a 10M-line shop (92,350 customers) is sampled. 0 = never sample.
    /// </summary>
    public int EvaluationCustomers { get; init; } = 10_000;

    /// <summary>Seed of the bootstrap and of the segments re-clustered at the cut. Default 42 (analyze and segment pass their --seed).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Stock codes (SQL LIKE patterns) that are not products and are never recommended, whatever the cleaning preset.</summary>
    public IReadOnlyList<string> NonProductCodes { get; init; } = CleaningOptions.DefaultNonProductCodes;

    /// <summary>The prefix of this stage's options in the run's options.</summary>
    public const string Property = "Recommendation";

    private static InvalidOptionException Invalid(string name, string problem) => new($"{Property}.{name}", problem);

    /// <summary>both, buy-again or discover.</summary>
    public static RecommendationMode ParseMode(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "both" => RecommendationMode.Both,
        "buy-again" or "buyagain" => RecommendationMode.BuyAgain,
        "discover" => RecommendationMode.Discover,
        _ => throw Invalid(nameof(Mode), $"use both, buy-again or discover; got '{text}'."),
    };

    /// <summary>A day as yyyy-MM-dd.</summary>
    public static DateOnly ParseCutoff(string text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(nameof(Cutoff), $"expected a date as yyyy-MM-dd, for example 2011-09-08; got '{text}'.");

    internal void Validate()
    {
        static void Positive(int value, string name)
        {
            if (value < 1)
            {
                throw Invalid(name, $"must be at least 1; got {value}.");
            }
        }
        Positive(Top, nameof(Top));
        Positive(ActiveDays, nameof(ActiveDays));
        Positive(RecentDays, nameof(RecentDays));
        Positive(MinSupport, nameof(MinSupport));
        Positive(MinRuleOrders, nameof(MinRuleOrders));
        Positive(Neighbours, nameof(Neighbours));
        Positive(RulesPerProduct, nameof(RulesPerProduct));
        Positive(EvaluationK, nameof(EvaluationK));
        Positive(EaseProducts, nameof(EaseProducts));
        Positive(EaseMinBuyers, nameof(EaseMinBuyers));
        if (!(EaseLambda > 0))
        {
            throw Invalid(nameof(EaseLambda), FormattableString.Invariant($"must be positive; got {EaseLambda}."));
        }
        if (!(EaseHalfLifeDays > 0))
        {
            throw Invalid(nameof(EaseHalfLifeDays), FormattableString.Invariant($"must be a positive number of days; got {EaseHalfLifeDays}."));
        }
        if (!(RecencyHalfLifeDays > 0))
        {
            throw Invalid(nameof(RecencyHalfLifeDays), FormattableString.Invariant($"must be a positive number of days; got {RecencyHalfLifeDays}."));
        }
        if (EvaluationCustomers < 0)
        {
            throw Invalid(nameof(EvaluationCustomers), $"cannot be negative (0 evaluates every customer); got {EvaluationCustomers}.");
        }
        if (BootstrapResamples < 0)
        {
            throw Invalid(nameof(BootstrapResamples), $"cannot be negative; got {BootstrapResamples}.");
        }
    }
}
