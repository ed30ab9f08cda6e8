namespace Segmenta.Generating;

/// <summary>Where generated lines go, in file order; <see cref="Complete"/> finishes the file.</summary>
internal interface ILineSink : IDisposable
{
    void Write(ShopLine line);

    void Complete();
}
