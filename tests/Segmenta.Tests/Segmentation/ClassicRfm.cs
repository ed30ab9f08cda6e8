using System.Globalization;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

/// <summary>
/// The classic preset's 4,338 customers (R, F, M), computed independently with pandas by bench/spine/pandas_rfm.py,
/// and scikit-learn's k=4 K-Means labels of them (bench/segmentation/sklearn_reference.py, scikit-learn 1.2.1).
/// </summary>
public static class ClassicRfm
{
    private static readonly Lazy<(FeatureMatrix Raw, string[] Ids)> Data = new(Load);

    public static FeatureMatrix Raw => Data.Value.Raw;

    public static string[] Ids => Data.Value.Ids;

    /// <summary>log1p(R, F, M), standard-scaled: the matrix scikit-learn was given.</summary>
    public static FeatureMatrix Scaled => FeatureTransform.Fit(Raw, Scaling.Standard, null).Apply(Raw);

    public static int[] SklearnK4Labels => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "segmentation", "classic_rfm_k4_labels.csv"))
        .Skip(1).Select(l => int.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();

    private static (FeatureMatrix, string[]) Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "segmentation", "classic_rfm.csv")).Skip(1).ToArray();
        var values = new double[lines.Length * 3];
        var ids = new string[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            ids[i] = f[0];
            for (var j = 0; j < 3; j++)
            {
                values[i * 3 + j] = double.Parse(f[j + 1], CultureInfo.InvariantCulture);
            }
        }
        return (new FeatureMatrix(values, lines.Length, 3, ["recency", "frequency", "monetary"]), ids);
    }
}
