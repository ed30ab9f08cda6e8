namespace Segmenta.Loading;

/// <summary>How to read a date whose first two numbers could each be the day or the month.</summary>
public enum DateOrder
{
    /// <summary>12/1/2010 is December 1st (US style).</summary>
    MonthFirst,
    /// <summary>01/12/2010 and 01.12.2010 are December 1st (European style).</summary>
    DayFirst,
}
