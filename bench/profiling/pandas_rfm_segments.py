"""Independent golden numbers for the RFM segment profiles (classic cleaning), computed with pandas from the raw file.

Run: /usr/bin/python3 bench/profiling/pandas_rfm_segments.py [path/to/online-retail.csv.gz]
Tested with Debian's python3-pandas 1.5.3; output kept in bench/profiling/pandas_rfm_segments.out.txt and asserted by
tests/Segmenta.Tests/Profiling/RealDataProfilingTests.cs. Nothing here reads Segmenta's outputs: the classic cleaning
(drop lines without CustomerID, of invoices starting with 'C', Quantity <= 0, UnitPrice <= 0, then exact duplicates),
recency in days to the day after the last invoice, frequency as distinct invoices, monetary as the sum of
Quantity x UnitPrice, scores 1 + floor(5 (rank - 1) / n) with SQL's rank() (pandas method="min"), and the segment map
of src/Segmenta/Features/rfm_segments.csv (a documented input: R score and FM score = (F + M + 1) // 2).
"""
import csv
import os
import sys

import pandas as pd

path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/online-retail.csv.gz"
df = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str}, keep_default_na=False,
                 na_values={"CustomerID": [""], "Quantity": [""], "UnitPrice": [""]})
df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"])
df = df[df["CustomerID"].notna()]
df = df[~df["InvoiceNo"].str.upper().str.startswith("C")]
df = df[df["Quantity"] > 0]
df = df[df["UnitPrice"] > 0]
df = df.drop_duplicates()
df = df.assign(Amount=df["Quantity"] * df["UnitPrice"])

as_of = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
customers = df.groupby("CustomerID").agg(last=("InvoiceDate", "max"), frequency=("InvoiceNo", "nunique"), monetary=("Amount", "sum"))
customers["recency"] = (as_of - customers["last"].dt.normalize()).dt.days
n = len(customers)


def score(values, ascending):
    rank = values.rank(method="min", ascending=ascending)
    return (1 + (5 * (rank - 1) // n)).astype(int)


customers["r"] = score(customers["recency"], ascending=False)
customers["f"] = score(customers["frequency"], ascending=True)
customers["m"] = score(customers["monetary"], ascending=True)
customers["fm"] = (customers["f"] + customers["m"] + 1) // 2

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "src", "Segmenta", "Features", "rfm_segments.csv"), newline="", encoding="utf-8") as f:
    cells = list(csv.DictReader(f))


def segment(row):
    for cell in cells:
        if int(cell["r_min"]) <= row["r"] <= int(cell["r_max"]) and int(cell["fm_min"]) <= row["fm"] <= int(cell["fm_max"]):
            return cell["segment"]
    return None


customers["segment"] = customers.apply(segment, axis=1)
print(f"pandas {pd.__version__}")
print(f"customers {n} as_of {as_of.date()} revenue {customers['monetary'].sum():.3f}")
print("\n# segment customers revenue")
summary = customers.groupby("segment").agg(customers=("monetary", "size"), revenue=("monetary", "sum")).sort_values("revenue", ascending=False)
for name, row in summary.iterrows():
    print(f"{name}\t{int(row['customers'])}\t{row['revenue']:.3f}")
