using Terminal.Hal;

namespace Terminal.PortableTests.Doubles
{
    /// <summary>
    /// A clock the test moves by hand: waiting jumps straight to the deadline, so timer behaviour is
    /// checked the same way on the PC and on a device, independent of the device's real time.
    /// </summary>
    public sealed class FakeClock : IClock
    {
        private long _nowMs;
        private System.DateTime _wall = new System.DateTime(2025, 11, 25, 12, 0, 0);

        /// <summary>Times <see cref="Wake"/> was called (the ring wakes the loop on every accepted post).</summary>
        public int Wakes { get; private set; }

        /// <inheritdoc />
        public long NowMs => _nowMs;

        /// <inheritdoc />
        public System.DateTime WallTime => _wall;

        /// <summary>Moves time forward by <paramref name="ms"/>.</summary>
        public void Advance(long ms) => _nowMs += ms;

        /// <inheritdoc />
        public void SetWallTime(System.DateTime time) => _wall = time;

        /// <inheritdoc />
        public void WaitUntil(long deadlineMs)
        {
            if (deadlineMs != Deadline.Never && deadlineMs > _nowMs)
            {
                _nowMs = deadlineMs;
            }
        }

        /// <inheritdoc />
        public void Wake() => Wakes++;
    }
}
