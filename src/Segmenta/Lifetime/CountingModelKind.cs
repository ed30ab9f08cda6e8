namespace Segmenta.Lifetime;

/// <summary>The buy-till-you-die models of repeat purchasing.</summary>
public enum CountingModelKind
{
    /// <summary>BG/NBD (Fader, Hardie &amp; Lee 2005): a customer may drop out right after each purchase.</summary>
    BgNbd,

    /// <summary>Pareto/NBD (Schmittlein, Morrison &amp; Colombo 1987): a customer may drop out at any time.</summary>
    ParetoNbd,

    /// <summary>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007): BG/NBD that may also drop out before the first repeat purchase.</summary>
    MbgNbd,
}
