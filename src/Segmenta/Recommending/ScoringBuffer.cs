namespace Segmenta.Recommending;

/// <summary>
/// Per-thread scratch space for scoring one customer at a time: dense score and reason arrays over products with a
/// touched list (reset in time proportional to the candidates), and a stamp marking the customer's known products.
/// </summary>
internal sealed class ScoringBuffer(int products)
{
    private readonly int[] _known = new int[products];
    private int _stamp;
    private double[] _ease = [];
    private EaseModel? _easeModel;
    private int _easeStamp = -1;

    public double[] Scores { get; } = new double[products];

    public int[] Because { get; } = new int[products];

    public double[] BecauseWeight { get; } = new double[products];

    public int[] Touched { get; } = new int[products];

    public int TouchedCount { get; set; }

    public int Customer { get; private set; } = -1;

    /// <summary>Marks the customer's products before the reference day as known.</summary>
    public void Begin(Interactions data, int customer)
    {
        Customer = customer;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_known);
            _stamp = 1;
        }
        for (var e = data.RowStart[customer]; e < data.RowStart[customer + 1]; e++)
        {
            _known[data.Items[e]] = _stamp;
        }
    }

    public bool Knows(int product) => _known[product] == _stamp;

    /// <summary>The current customer's EASE scores over the model's products, computed once per customer and model.</summary>
    public double[] EaseScores(EaseModel model, Interactions data, int customer)
    {
        if (ReferenceEquals(_easeModel, model) && _easeStamp == _stamp && Customer == customer)
        {
            return _ease;
        }
        if (_ease.Length != model.Size)
        {
            _ease = new double[model.Size];
        }
        else
        {
            Array.Clear(_ease);
        }
        model.Score(data, customer, _ease);
        (_easeModel, _easeStamp) = (model, _stamp);
        return _ease;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Touch(int product, double score, int because, double contribution)
    {
        if (Scores[product] == 0 && BecauseWeight[product] == 0)
        {
            Touched[TouchedCount++] = product;
        }
        Scores[product] += score;
        if (contribution > BecauseWeight[product])
        {
            BecauseWeight[product] = contribution;
            Because[product] = because;
        }
    }

    public void Clear()
    {
        for (var t = 0; t < TouchedCount; t++)
        {
            var p = Touched[t];
            Scores[p] = 0;
            BecauseWeight[p] = 0;
        }
        TouchedCount = 0;
    }
}
