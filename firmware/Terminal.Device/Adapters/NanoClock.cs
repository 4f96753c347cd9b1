using System;
using System.Threading;

namespace Terminal.Device.Adapters
{
    /// <summary>
    /// Real time on the device: monotonic milliseconds from Environment.TickCount64 (nanoFramework.Runtime.Native),
    /// the wall clock kept as an offset from it (set from the host at sign-in, so a later RTC or SNTP jump
    /// cannot move time backwards inside a flow), and an AutoResetEvent for the loop's idle wait.
    /// </summary>
    public sealed class NanoClock : Hal.IClock
    {
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly object _wallLock = new object();
        private DateTime _wallAtSet;
        private long _nowAtSet;

        /// <summary>Starts with the RTC's time as the wall clock until the host sets it.</summary>
        public NanoClock()
        {
            _wallAtSet = DateTime.UtcNow;
            _nowAtSet = NowMs;
        }

        /// <inheritdoc />
        public long NowMs => Environment.TickCount64;

        /// <inheritdoc />
        public DateTime WallTime
        {
            get
            {
                lock (_wallLock)
                {
                    return _wallAtSet.AddTicks((NowMs - _nowAtSet) * TimeSpan.TicksPerMillisecond);
                }
            }
        }

        /// <inheritdoc />
        public void SetWallTime(DateTime time)
        {
            lock (_wallLock)
            {
                _wallAtSet = time;
                _nowAtSet = NowMs;
            }
        }

        /// <inheritdoc />
        public void WaitUntil(long deadlineMs)
        {
            if (deadlineMs == Hal.Deadline.Never)
            {
                _wake.WaitOne();
                return;
            }

            long wait = deadlineMs - NowMs;
            if (wait > 0)
            {
                _wake.WaitOne(wait > int.MaxValue ? int.MaxValue : (int)wait, false);
            }
        }

        /// <inheritdoc />
        public void Wake() => _wake.Set();
    }
}
