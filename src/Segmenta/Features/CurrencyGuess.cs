using Segmenta.Store;

namespace Segmenta.Features;

/// <summary>The currency symbol to show when the user did not give one: that of the customers' main country, if known.</summary>
internal static class CurrencyGuess
{
    private static readonly Dictionary<string, string> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United Kingdom"] = "£", ["UK"] = "£", ["USA"] = "$", ["United States"] = "$", ["Japan"] = "¥",
        ["Germany"] = "€", ["France"] = "€", ["Spain"] = "€", ["Italy"] = "€", ["Netherlands"] = "€", ["EIRE"] = "€", ["Ireland"] = "€",
        ["Belgium"] = "€", ["Portugal"] = "€", ["Austria"] = "€", ["Finland"] = "€",
    };

    internal static string For(SegmentaStore store)
    {
        var country = store.Scalar<string>("SELECT main_country FROM customers WHERE main_country IS NOT NULL GROUP BY main_country ORDER BY count(*) DESC, main_country LIMIT 1");
        return country is not null && ByCountry.TryGetValue(country, out var symbol) ? symbol : "";
    }
}
