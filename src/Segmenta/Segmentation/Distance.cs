using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Segmenta.Segmentation;

/// <summary>Squared Euclidean distance, vectorised (System.Numerics.Vector) for wide rows.</summary>
internal static class Distance
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        // Lengths are equal by construction (rows and centres of one matrix); reading through refs skips bounds checks.
        ref var x = ref MemoryMarshal.GetReference(a);
        ref var y = ref MemoryMarshal.GetReference(b);
        var n = (nuint)a.Length;
        var sum = 0.0;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated && n >= (nuint)Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i + (nuint)Vector<double>.Count <= n; i += (nuint)Vector<double>.Count)
            {
                var d = Vector.LoadUnsafe(ref x, i) - Vector.LoadUnsafe(ref y, i);
                acc += d * d;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
        {
            var d = Unsafe.Add(ref x, i) - Unsafe.Add(ref y, i);
            sum += d * d;
        }
        return sum;
    }
}
