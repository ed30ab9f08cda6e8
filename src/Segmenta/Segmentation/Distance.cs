using System.Numerics;
using System.Runtime.CompilerServices;

namespace Segmenta.Segmentation;

/// <summary>Squared Euclidean distance, vectorised (System.Numerics.Vector) for wide rows.</summary>
internal static class Distance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var d = new Vector<double>(a[i..]) - new Vector<double>(b[i..]);
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
