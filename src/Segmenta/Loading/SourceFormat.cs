namespace Segmenta.Loading;

/// <summary>The container of the transactions: delimited text (optionally gzip-compressed), Excel or Parquet.</summary>
public enum SourceFormat
{
    /// <summary>CSV, semicolon-, tab- or pipe-separated text.</summary>
    DelimitedText,
    /// <summary>Delimited text compressed with gzip.</summary>
    GzipDelimitedText,
    /// <summary>Excel workbook (.xlsx), first sheet.</summary>
    Excel,
    /// <summary>Apache Parquet.</summary>
    Parquet,
}
