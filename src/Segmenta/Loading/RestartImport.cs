namespace Segmenta.Loading;

/// <summary>Raised inside an import when a guess (encoding, date order) proved wrong; the import starts again.</summary>
internal sealed class RestartImport(SourceSettings revised, string why) : Exception(why)
{
    internal SourceSettings Revised { get; } = revised;
}
