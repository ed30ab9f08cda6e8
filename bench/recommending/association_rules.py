"""Independent check of Segmenta's pair association rules on the shared UCI Online Retail data (pandas only).

Classic cleaning (drop lines without CustomerID, cancelled invoices, Quantity <= 0, UnitPrice <= 0, then exact
duplicates), then the non-product stock codes Segmenta never recommends. A basket is an invoice's set of stock codes.
For each pair (A, B): together = invoices holding both, support = together / invoices, confidence = together / n(A),
lift = confidence / (n(B) / invoices).

Usage: /usr/bin/python3 bench/recommending/association_rules.py ../shared/data/online-retail.csv.gz
"""
import sys

import pandas as pd

NON_PRODUCTS = {"POST", "DOT", "M", "D", "C2", "CRUK", "BANK CHARGES", "AMAZONFEE", "PADS", "B", "S",
                "ADJUST", "ADJUST2", "TEST001", "TEST002"}
PAIRS = [("22697", "22698"), ("22698", "22697"), ("22386", "85099B"), ("21086", "21094"), ("23300", "23301")]

lines = pd.read_csv(sys.argv[1], dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str})
lines = lines[lines.CustomerID.notna()]
lines = lines[~lines.InvoiceNo.str.startswith("C")]
lines = lines[(lines.Quantity > 0) & (lines.UnitPrice > 0)]
lines = lines.drop_duplicates()
print("classic lines", len(lines))
codes = lines.StockCode.str.upper()
lines = lines[~codes.isin(NON_PRODUCTS) & ~codes.str.startswith("GIFT_")]
baskets = lines.groupby("InvoiceNo").StockCode.apply(frozenset)
invoices = len(baskets)
print("invoices with products", invoices)
holding = {}
for basket in baskets:
    for code in basket:
        holding[code] = holding.get(code, 0) + 1
for a, b in PAIRS:
    together = sum(1 for basket in baskets if a in basket and b in basket)
    confidence = together / holding[a]
    print(f"{a} -> {b}: together {together}, n(A) {holding[a]}, n(B) {holding[b]}, support {together / invoices:.6f}, "
          f"confidence {confidence:.6f}, lift {confidence / (holding[b] / invoices):.6f}")
