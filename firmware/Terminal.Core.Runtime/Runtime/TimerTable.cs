using Terminal.Hal;

namespace Terminal.Core.Runtime
{
    /// <summary>Receives timer expiries on the loop thread.</summary>
    public interface ITimerHandler
    {
        /// <summary>Called when timer <paramref name="timerId"/> is due.</summary>
        void OnTimer(int timerId, long nowMs);
    }

    /// <summary>
    /// A fixed number of one-shot and periodic timers, fired in deadline order on the loop thread.
    /// Ids carry a generation so cancelling a timer that already fired and was reused is harmless.
    /// </summary>
    public sealed class TimerTable
    {
        private const int SlotBits = 8;
        private const int SlotMask = (1 << SlotBits) - 1;

        private readonly long[] _deadline;
        private readonly long[] _period;
        private readonly ITimerHandler?[] _handler;
        private readonly int[] _generation;

        /// <summary>Creates a table of <paramref name="capacity"/> timers (at most 256).</summary>
        public TimerTable(int capacity)
        {
            if (capacity < 1 || capacity > SlotMask + 1)
            {
                throw new System.ArgumentOutOfRangeException(nameof(capacity));
            }

            _deadline = new long[capacity];
            _period = new long[capacity];
            _handler = new ITimerHandler?[capacity];
            _generation = new int[capacity];
        }

        /// <summary>Timers running now.</summary>
        public int Active
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _handler.Length; i++)
                {
                    if (_handler[i] != null)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>
        /// Starts a timer due at <paramref name="dueMs"/> (absolute clock time), repeating every
        /// <paramref name="periodMs"/> when that is positive. Returns its id, or -1 when the table is full.
        /// </summary>
        public int Start(ITimerHandler handler, long dueMs, long periodMs)
        {
            for (int i = 0; i < _handler.Length; i++)
            {
                if (_handler[i] == null)
                {
                    _handler[i] = handler;
                    _deadline[i] = dueMs;
                    _period[i] = periodMs > 0 ? periodMs : 0;
                    _generation[i] = (_generation[i] + 1) & 0x7FFFFF;
                    return (_generation[i] << SlotBits) | i;
                }
            }

            return -1;
        }

        /// <summary>Stops a timer; unknown or stale ids are ignored.</summary>
        public void Cancel(int timerId)
        {
            int slot = timerId & SlotMask;
            if (timerId < 0 || slot >= _handler.Length || (timerId >> SlotBits) != _generation[slot])
            {
                return;
            }

            _handler[slot] = null;
        }

        /// <summary>Whether the timer is still pending.</summary>
        public bool IsActive(int timerId)
        {
            int slot = timerId & SlotMask;
            return timerId >= 0 && slot < _handler.Length && _handler[slot] != null && (timerId >> SlotBits) == _generation[slot];
        }

        /// <summary>The earliest deadline, or <see cref="Deadline.Never"/>.</summary>
        public long NextDeadline
        {
            get
            {
                long next = Deadline.Never;
                for (int i = 0; i < _handler.Length; i++)
                {
                    if (_handler[i] != null && _deadline[i] < next)
                    {
                        next = _deadline[i];
                    }
                }

                return next;
            }
        }

        /// <summary>Fires every timer due at or before <paramref name="nowMs"/>, earliest first; returns how many fired.</summary>
        public int FireDue(long nowMs)
        {
            int fired = 0;
            while (true)
            {
                int slot = -1;
                long best = Deadline.Never;
                for (int i = 0; i < _handler.Length; i++)
                {
                    if (_handler[i] != null && _deadline[i] <= nowMs && _deadline[i] < best)
                    {
                        best = _deadline[i];
                        slot = i;
                    }
                }

                if (slot < 0)
                {
                    return fired;
                }

                ITimerHandler handler = _handler[slot]!;
                int id = (_generation[slot] << SlotBits) | slot;
                if (_period[slot] > 0)
                {
                    // Periodic timers keep their phase; a late loop does not fire a burst of catch-ups.
                    long next = _deadline[slot] + _period[slot];
                    if (next <= nowMs)
                    {
                        next += ((nowMs - next) / _period[slot] + 1) * _period[slot];
                    }

                    _deadline[slot] = next;
                }
                else
                {
                    _handler[slot] = null;
                }

                fired++;
                handler.OnTimer(id, nowMs);
            }
        }
    }
}
