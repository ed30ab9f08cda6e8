namespace Segmenta.Recommending;

/// <summary>Which of a run's two choices of what ranks the new picks (<see cref="NewPicksChoice"/>).</summary>
public enum NewPicksScope
{
    /// <summary>The offline evaluation's: chosen on the validation split before the cut.</summary>
    Evaluation,

    /// <summary>The lists': chosen on the validation split before the last day of the data.</summary>
    Lists,
}
