namespace Segmenta.Lifetime;

/// <summary>
/// The parameters shared by the beta-geometric counting models (BG/NBD and MBG/NBD): a gamma(r, α) distributed
/// Poisson purchase rate and a beta(a, b) distributed dropout probability, checked once when the model is built.
/// </summary>
public abstract class BetaGeometricModel
{
    /// <summary>Builds the parameters; every one must be finite and positive.</summary>
    protected BetaGeometricModel(double r, double alpha, double a, double b)
    {
        R = ModelChecks.Positive(r, nameof(r));
        Alpha = ModelChecks.Positive(alpha, nameof(alpha));
        A = ModelChecks.Positive(a, nameof(a));
        B = ModelChecks.Positive(b, nameof(b));
    }

    /// <summary>Shape of the purchase rate's gamma distribution.</summary>
    public double R { get; }

    /// <summary>Scale (in time units) of the purchase rate's gamma distribution.</summary>
    public double Alpha { get; }

    /// <summary>First shape of the dropout probability's beta distribution.</summary>
    public double A { get; }

    /// <summary>Second shape of the dropout probability's beta distribution.</summary>
    public double B { get; }

    /// <summary>The fitted parameters by name, as written to clv-models.csv.</summary>
    public IReadOnlyList<(string Name, double Value)> Parameters => [("r", R), ("alpha", Alpha), ("a", A), ("b", B)];
}
