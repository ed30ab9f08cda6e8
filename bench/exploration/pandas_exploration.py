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

# Added for issue 15: every value RealDataExplorationTests asserts beyond the sections above.
print("\n# monthly.csv extras of 2010-12: average_order_value items_per_order lines")
december = df[df["Month"] == pd.Period("2010-12", "M")]
print(f"{december['Amount'].sum() / december['InvoiceNo'].nunique():.2f} "
      f"{december['Quantity'].sum() / december['InvoiceNo'].nunique():.3f} {len(december)}")

print(f"\nbest_month {monthly['revenue'].idxmax()}")
countries = df.groupby("Country")["Amount"].sum().sort_values(ascending=False)
print(f"top_country {countries.index[0]} {countries.iloc[0]:.3f}")

print("\n# top products by units sold: rank stock_code units")
units = df.groupby("StockCode")["Quantity"].sum().reset_index().sort_values(["Quantity", "StockCode"], ascending=[False, True])
for rank, (code, quantity) in enumerate(units.head(3).itertuples(index=False), 1):
    print(f"{rank} {code} {quantity}")

print("\n# top 20 products by distinct customers: rank stock_code customers")
buyers = df.groupby("StockCode")["CustomerID"].nunique().reset_index().sort_values(["CustomerID", "StockCode"], ascending=[False, True])
for rank, (code, n) in enumerate(buyers.head(20).itertuples(index=False), 1):
    print(f"{rank} {code} {n}")

# Classic returns: every cancelled unit of a line with a customer (cancelled invoice or negative quantity), by stock code.
raw = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str}, keep_default_na=False,
                  na_values={"CustomerID": [""], "Quantity": [""], "UnitPrice": [""]})
withCustomer = raw[raw["CustomerID"].notna()]
cancelled = withCustomer[(withCustomer["InvoiceNo"].str.upper().str.startswith("C") | (withCustomer["Quantity"] <= 0)) & (withCustomer["Quantity"] < 0)]
returned = (-cancelled.groupby("StockCode")["Quantity"].sum()).reset_index().sort_values(["Quantity", "StockCode"], ascending=[False, True])
print("\n# top products by units returned (classic: cancelled units): rank stock_code units")
for rank, (code, quantity) in enumerate(returned.head(3).itertuples(index=False), 1):
    print(f"{rank} {code} {quantity}")

# Classic rules in order: the lines the price rule removes are those left after the customer, cancellation and quantity rules.
left = withCustomer[~withCustomer["InvoiceNo"].str.upper().str.startswith("C")]
left = left[left["Quantity"] > 0]
print(f"\nnon_positive_price {int((left['UnitPrice'] <= 0).sum())} of {len(raw)} lines, share {(left['UnitPrice'] <= 0).sum() / len(raw):.6f}")

revenue = df.groupby("StockCode")["Amount"].sum().sort_values(ascending=False)
head = -(-len(revenue) * 10 // 100)
print(f"\nproducts {len(revenue)} top10pct {head} top10pct_revenue_share {revenue.iloc[:head].sum() / revenue.sum():.6f}")
q = df["UnitPrice"].quantile([0.05, 0.25, 0.5, 0.75, 0.95])
print("unit_price p05 p25 p50 p75 p95 mean max " + " ".join(f"{v:.4f}" for v in [*q.values, df["UnitPrice"].mean(), df["UnitPrice"].max()]))
