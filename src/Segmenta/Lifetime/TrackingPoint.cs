namespace Segmenta.Lifetime;

/// <summary>
/// One week of the tracking chart: the cohort's cumulative repeat purchases up to the end of the week, actual and as
/// the model expects them from each customer's first purchase on (no individual history used).
/// </summary>
/// <param name="Week">Week number, 1 = the week of the first purchase in the data.</param>
/// <param name="WeekEnd">Last day of the week (the last week may end early, with the data).</param>
/// <param name="ActualCumulative">Repeat purchases made up to <paramref name="WeekEnd"/>.</param>
/// <param name="PredictedCumulative">Repeat purchases the model expects up to <paramref name="WeekEnd"/>.</param>
public sealed record TrackingPoint(int Week, DateOnly WeekEnd, double ActualCumulative, double PredictedCumulative);
