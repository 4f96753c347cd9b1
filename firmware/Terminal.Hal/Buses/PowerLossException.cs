namespace Terminal.Hal
{
    /// <summary>
    /// Thrown only by simulated buses to model power failing in the middle of an operation: the firmware
    /// instance is dead from that instant. The event loop never swallows it.
    /// </summary>
    public sealed class PowerLossException : System.Exception
    {
        /// <summary>Creates the exception with a note of where power was lost.</summary>
        public PowerLossException(string where)
            : base("power lost: " + where)
        {
        }
    }
}
