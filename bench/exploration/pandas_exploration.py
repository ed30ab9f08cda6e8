"""Independent golden numbers for Segmenta's Exploration stage (classic cleaning), computed with pandas.

Run: /usr/bin/python3 bench/exploration/pandas_exploration.py [path/to/online-retail.csv.gz]
Tested with Debian's python3-pandas 1.5.3. The classic cleaning of the usual notebooks: drop lines without
CustomerID, lines of invoices starting with 'C', Quantity <= 0, UnitPrice <= 0, then exact duplicates.
"""
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
df = df.assign(Amount=df["Quantity"] * df["UnitPrice"], Month=df["InvoiceDate"].dt.to_period("M"))

print(f"pandas {pd.__version__}")
print(f"lines {len(df)} customers {df['CustomerID'].nunique()} revenue {df['Amount'].sum():.3f}")

print("\n# monthly: month revenue orders customers new_customers")
first = df.groupby("CustomerID")["Month"].min().rename("Cohort")
df = df.join(first, on="CustomerID")
monthly = df.groupby("Month").agg(revenue=("Amount", "sum"), orders=("InvoiceNo", "nunique"), customers=("CustomerID", "nunique"))
monthly["new"] = first.value_counts().reindex(monthly.index, fill_value=0)
for month, row in monthly.iterrows():
    print(f"{month} {row['revenue']:.3f} {int(row['orders'])} {int(row['customers'])} {int(row['new'])}")

print("\n# cohort sizes: first-purchase month, customers")
for month, size in first.value_counts().sort_index().items():
    print(f"{month} {size}")

print("\n# retention of the 2010-12 cohort: offset active share")
df["Offset"] = (df["Month"] - df["Cohort"]).apply(lambda d: d.n)
cohort = df[df["Cohort"] == pd.Period("2010-12", "M")]
size = cohort["CustomerID"].nunique()
active = cohort.groupby("Offset")["CustomerID"].nunique()
for offset, n in active.items():
    print(f"{offset} {n} {n / size:.6f}")

print("\n# pareto: share of revenue of the top 1%, 10%, 20% of customers")
spend = df.groupby("CustomerID")["Amount"].sum().sort_values(ascending=False)
n = len(spend)
for pct in (1, 10, 20, 50):
    k = -(-n * pct // 100)
    print(f"{pct} {k} {spend.iloc[:k].sum() / spend.sum():.6f}")
orders = df.groupby("CustomerID")["InvoiceNo"].nunique()
print(f"\none_time {int((orders == 1).sum())} repeat {int((orders > 1).sum())}")
