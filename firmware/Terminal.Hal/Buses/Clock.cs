namespace Terminal.Hal
{
    /// <summary>
    /// Monotonic time, the wall clock and the loop's idle wait. On the device it is real time; in the
    /// simulator it is virtual, so waiting costs nothing and runs repeat exactly.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes backwards.</summary>
        long NowMs { get; }

        /// <summary>The local wall-clock time (set from the host at sign-in).</summary>
        System.DateTime WallTime { get; }

        /// <summary>Sets the wall clock; monotonic time is unaffected.</summary>
        void SetWallTime(System.DateTime time);

        /// <summary>Blocks until <paramref name="deadlineMs"/> or until <see cref="Wake"/> is called.</summary>
        void WaitUntil(long deadlineMs);

        /// <summary>Ends a wait early; safe to call from any thread or interrupt context.</summary>
        void Wake();
    }

    /// <summary>Constants for deadlines.</summary>
    public static class Deadline
    {
        /// <summary>No deadline: wait for an event.</summary>
        public const long Never = long.MaxValue;
    }
}
