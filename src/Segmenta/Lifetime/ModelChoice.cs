namespace Segmenta.Lifetime;

/// <summary>Which counting model the predictions use.</summary>
public enum ModelChoice
{
    /// <summary>Fit every model and keep the best: lowest holdout error when there is a holdout, else highest log-likelihood.</summary>
    Auto,

    /// <summary>BG/NBD.</summary>
    BgNbd,

    /// <summary>Pareto/NBD.</summary>
    ParetoNbd,

    /// <summary>MBG/NBD.</summary>
    MbgNbd,
}
