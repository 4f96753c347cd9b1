namespace Terminal.Simulator.Cli;

/// <summary>
/// A mistake on the command line or in a file the user named: <c>terminal</c> prints <c>terminal: WHAT: WHY</c> on
/// standard error and exits 2. <see cref="Exception.Message"/> is the <c>WHAT: WHY</c> part.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>A mistake in <paramref name="what"/> (an option and its value, a file), for the reason <paramref name="why"/>.</summary>
    public UsageException(string what, string why)
        : base(what + ": " + why)
    {
    }

    /// <summary>A mistake whose one-line description is already <c>WHAT: WHY</c>.</summary>
    public UsageException(string line)
        : base(line)
    {
    }
}
