namespace Segmenta.Recommending;

/// <summary>What decided which list ranks the new picks (<see cref="NewPicksChoice"/>).</summary>
public enum NewPicksBasis
{
    /// <summary>The held-out comparison: the discovery model against both popularity lists on held-out validation customers.</summary>
    Compared,

    /// <summary>Fewer than two held-out validation customers bought something new (or none of the others did): global popularity, unproven against.</summary>
    TooFewCustomers,

    /// <summary>No validation split before the reference day: the discovery model with its prior weights.</summary>
    NoValidationData,
}
