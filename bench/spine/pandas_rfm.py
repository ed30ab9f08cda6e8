#!/usr/bin/python3
"""Reference for `segmenta analyze --cleaning classic`: the usual notebook's load, clean and RFM in pandas.

Usage: /usr/bin/python3 bench/spine/pandas_rfm.py data/online-retail.csv.gz OUT.csv
Prints the checks of ../shared/data/README.md. Needs Debian's python3-pandas.
"""
import sys
import pandas as pd

source, out = sys.argv[1], sys.argv[2]
df = pd.read_csv(source, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str}, parse_dates=["InvoiceDate"])
df = df[df["CustomerID"].notna()]
df = df[~df["InvoiceNo"].str.startswith("C")]
df = df[(df["Quantity"] > 0) & (df["UnitPrice"] > 0)]
df = df.drop_duplicates()
df["Amount"] = df["Quantity"] * df["UnitPrice"]
df["CustomerID"] = df["CustomerID"].str.replace(r"\.0$", "", regex=True)
as_of = df["InvoiceDate"].max().normalize() + pd.Timedelta(days=1)
rfm = df.groupby("CustomerID").agg(
    Recency=("InvoiceDate", lambda d: (as_of - d.max().normalize()).days),
    Frequency=("InvoiceNo", "nunique"),
    Monetary=("Amount", "sum"),
)
rfm.to_csv(out)
print(len(df), len(rfm), rfm["Recency"].sum(), rfm["Frequency"].sum(), round(rfm["Monetary"].sum(), 3))
