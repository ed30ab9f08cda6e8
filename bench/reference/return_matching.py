#!/usr/bin/env python3
"""Independent reproduction of Segmenta's default cleaning (docs/cleaning.md) on the UCI Online Retail file, in pandas.

Written from the documented rules, not from the C# or SQL: rule order, partial return matching (a cancellation takes
earlier purchases of the same customer and product, same unit price first, then the most recent; a purchase can be
returned in parts), refunds (negative lines of refund codes), duplicates within an invoice among purchase lines.
Money is exact: prices and amounts in integer ten-thousandths.

Run:  python3 bench/reference/return_matching.py ../shared/data/online-retail.csv.gz
(Debian python3-pandas 1.5.3). Its output is kept as golden numbers in
tests/Segmenta.Tests/Cleaning/RealDataCleaningTests.cs.
"""
import sys
from collections import defaultdict

import pandas as pd

NON_PRODUCT = {"POST", "DOT", "M", "D", "C2", "CRUK", "BANK CHARGES", "AMAZONFEE", "PADS", "B", "S",
               "ADJUST", "ADJUST2", "TEST001", "TEST002"}
REFUND = {"M", "D", "CRUK", "B", "S", "ADJUST", "ADJUST2"}
EXTREME = 10_000
SCALE = 10_000


def money(text):
    return int(round(float(text) * SCALE))


def main(path):
    d = pd.read_csv(path, dtype=str, keep_default_na=False)
    d["line"] = range(2, len(d) + 2)
    d["Description"] = d["Description"].str.strip()
    d["customer"] = d["CustomerID"].str.replace(r"\.0+$", "", regex=True)
    d["qty"] = d["Quantity"].astype(int)
    d["price"] = d["UnitPrice"].map(money)
    d["amount"] = d["qty"] * d["price"]
    d["date"] = pd.to_datetime(d["InvoiceDate"])
    code = d["StockCode"].str.upper()
    non_product = code.isin(NON_PRODUCT) | code.str.startswith("GIFT_")
    refund_code = code.isin(REFUND)

    rule = pd.Series([None] * len(d), index=d.index, dtype=object)

    def claim(mask, name):
        free = rule.isna() & mask
        rule[free] = name

    claim(d["customer"] == "", "missing_customer")
    claim(d["InvoiceNo"].str.upper().str.startswith("A"), "adjustment")
    claim(refund_code & (d["amount"] < 0), "refund")
    claim(non_product, "non_product")
    claim(d["InvoiceNo"].str.upper().str.startswith("C") | (d["qty"] < 0), "cancellation")
    claim(d["qty"] == 0, "zero_quantity")
    claim(d["price"] < 0, "negative_price")
    claim(d["qty"].abs() >= EXTREME, "extreme_quantity")
    columns = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "customer", "Country"]
    purchases = rule.isna()
    dup = d[purchases].duplicated(subset=columns, keep="first")
    rule[dup[dup].index] = "duplicate"
    kept = rule.isna()

    # Return matching.
    pool = defaultdict(list)
    cancellations = d[rule == "cancellation"]
    groups = set(zip(cancellations["customer"], cancellations["StockCode"]))
    p = d[kept]
    p = p[[g in groups for g in zip(p["customer"], p["StockCode"])]]
    p = p.sort_values(["date", "qty", "price", "line"], ascending=[False, False, True, True])
    remaining = {}
    for row in p.itertuples():
        pool[(row.customer, row.StockCode)].append(row)
        remaining[row.line] = row.qty
    c = cancellations.assign(units=-cancellations["qty"]).sort_values(["customer", "StockCode", "date", "units", "price", "line"])
    returns_value = defaultdict(int)
    parts = 0
    for row in c.itertuples():
        earlier = [x for x in pool.get((row.customer, row.StockCode), []) if x.date <= row.date]
        need = row.units
        earlier.sort(key=lambda x: 0 if x.price == row.price else 1)  # stable: most recent first within each group
        for x in earlier:
            take = min(need, remaining[x.line])
            if take <= 0:
                continue
            remaining[x.line] -= take
            need -= take
            returns_value[row.customer] += take * row.price
            parts += 1
            if need == 0:
                break
        rule[row.Index] = ("unmatched_cancellation" if not earlier or row.units <= 0
                           else "return" if need == 0 else "return_beyond_purchases")

    sales = d[kept].groupby("customer")["amount"].sum()
    refunds = (-d[rule == "refund"].groupby("customer")["amount"].sum())
    refunds_kept = refunds[refunds.index.isin(sales.index)]
    monetary = sales.sub(pd.Series(returns_value), fill_value=0).sub(refunds_kept, fill_value=0)

    counts = rule.fillna("kept").value_counts()
    for name in ["missing_customer", "adjustment", "refund", "non_product", "return", "return_beyond_purchases",
                 "unmatched_cancellation", "zero_quantity", "negative_price", "extreme_quantity", "duplicate", "kept"]:
        print(f"{name} {counts.get(name, 0)}")
    print(f"return_parts {parts}")
    print(f"customers {len(sales)}")
    print(f"sales_of_kept_lines {sales.sum() / SCALE:.4f}")
    print(f"returns {sum(returns_value.values()) / SCALE:.4f}")
    print(f"refunds {refunds_kept.sum() / SCALE:.4f}")
    print(f"refunds_without_purchase {(refunds.sum() - refunds_kept.sum()) / SCALE:.4f}")
    print(f"net_sales {monetary.sum() / SCALE:.4f}")
    for customer in ["12607", "15098", "13798"]:
        print(f"monetary_{customer} {monetary[customer] / SCALE:.4f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/online-retail.csv.gz")
