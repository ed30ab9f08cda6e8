namespace Segmenta.Web.Api;

/// <summary>
/// Numbers as the API shows them: money rounded to cents, other fractions to 6 decimals, never -0 or NaN
/// (a non-finite value is null), so that no floating residue such as 4310.000000000001 reaches a client.
/// </summary>
internal static class JsonValues
{
    private static readonly string[] MoneyWords = ["monetary", "value", "spend", "clv", "revenue", "amount", "price", "sales"];

    internal static bool IsMoney(string name) => MoneyWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
        && !name.Contains("rate", StringComparison.OrdinalIgnoreCase);

    internal static double? Number(double value, bool money)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }
        var rounded = Math.Round(value, money ? 2 : 6, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    internal static double Money(double value) => Number(value, money: true) ?? 0;

    /// <summary>A row of named values with its numbers cleaned.</summary>
    internal static Dictionary<string, object?> Row(IReadOnlyDictionary<string, object?> row) => row.ToDictionary(p => p.Key, p => p.Value switch
    {
        double d => Number(d, IsMoney(p.Key)),
        float f => Number(f, IsMoney(p.Key)),
        decimal m => IsMoney(p.Key) ? Math.Round(m, 2, MidpointRounding.AwayFromZero) : m,
        var other => other,
    });
}
