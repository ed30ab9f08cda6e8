namespace Segmenta.Lifetime;

/// <summary>Which counting model the predictions use.</summary>
public enum ModelChoice
{
    /// <summary>Fit every model and keep the highest log-likelihood (of the calibration fits when there is a holdout, which then tests the choice).</summary>
    Auto,

    /// <summary>BG/NBD.</summary>
    BgNbd,

    /// <summary>Pareto/NBD.</summary>
    ParetoNbd,

    /// <summary>MBG/NBD.</summary>
    MbgNbd,
}
