namespace Segmenta;

/// <summary>
/// An error the user can cause and fix (a bad file, a missing column, an unknown option).
/// Its message says what was found and what to do; hosts print it without a stack trace.
/// </summary>
public class SegmentaException : Exception
{
    /// <summary>Creates the error with a message written for the user.</summary>
    public SegmentaException(string message) : base(message) { }

    /// <summary>Creates the error with a message written for the user and the low-level cause.</summary>
    public SegmentaException(string message, Exception inner) : base(message, inner) { }
}
