namespace Segmenta.Cleaning;

/// <summary>The rules of each preset in the order they are applied, with the reason each exists.</summary>
internal static class CleaningRules
{
    internal static IReadOnlyList<(string Rule, string Description)> For(CleaningPreset preset) => preset switch
    {
        CleaningPreset.Classic =>
        [
            ("missing_customer", "No customer id: the line cannot be attributed to anyone."),
            ("cancelled_invoice", "Invoice number starts with C: a cancellation, not a purchase."),
            ("non_positive_quantity", "Quantity zero or negative: returns and corrections."),
            ("non_positive_price", "Unit price zero or negative: free items and bad-debt entries."),
            ("duplicate", "Exact copy of an earlier line (every column equal)."),
            ("kept", "Clean purchase lines used for the analysis."),
        ],
        _ =>
        [
            ("missing_customer", "No customer id: the line cannot be attributed to anyone."),
            ("adjustment", "Invoice number starts with A: an accounting adjustment (bad debt), not a sale."),
            ("refund", "Credit note or manual adjustment (negative line of a refund code such as M or D) with a customer: subtracted from that customer's net sales."),
            ("non_product", "Stock code is not a product (postage, fees, vouchers, manual lines)."),
            ("return", "Cancellation whose units all match earlier purchases of the same product by the customer: netted out of the customer's net sales as a return."),
            ("return_beyond_purchases", "Cancellation of more units than the customer bought of the product earlier in the data: the units that match are netted as a return, the excess is not."),
            ("unmatched_cancellation", "Cancellation or negative quantity with no earlier purchase of the product by the customer in the data: not netted."),
            ("zero_quantity", "Quantity zero: nothing changed hands."),
            ("negative_price", "Unit price below zero: a correction, not a sale (free items, price 0, are kept)."),
            ("extreme_quantity", "Quantity beyond the extreme-quantity threshold: almost always an entry error."),
            ("duplicate", "Exact copy of an earlier purchase line, or of a cancellation or refund of an earlier import (every column equal), removed when the evidence allows it."),
            ("kept", "Purchase lines used for the analysis (free items included, worth 0)."),
        ],
    };
}
