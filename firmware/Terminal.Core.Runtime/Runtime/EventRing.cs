using Terminal.Hal;

namespace Terminal.Core.Runtime
{
    /// <summary>
    /// A fixed-capacity FIFO of <see cref="DeviceEvent"/> values shared by interrupt-side producers and the
    /// loop. Posting allocates nothing and holds the lock only for the copy. When full, the oldest
    /// low-priority event makes room; a new event is refused only when nothing low-priority is queued.
    /// </summary>
    public sealed class EventRing : IEventSink
    {
        private readonly DeviceEvent[] _slots;
        private readonly object _sync = new object();
        private readonly IClock _clock;
        private int _head;
        private int _count;
        private int _droppedLow;
        private int _refused;
        private int _posted;

        /// <summary>Creates a ring of <paramref name="capacity"/> events stamped with <paramref name="clock"/>'s time.</summary>
        public EventRing(int capacity, IClock clock)
        {
            if (capacity < 2)
            {
                throw new System.ArgumentOutOfRangeException(nameof(capacity));
            }

            _slots = new DeviceEvent[capacity];
            _clock = clock;
        }

        /// <summary>Slots in the ring.</summary>
        public int Capacity => _slots.Length;

        /// <summary>Events waiting.</summary>
        public int Count => System.Threading.Interlocked.CompareExchange(ref _count, 0, 0);

        /// <summary>Low-priority events dropped to make room (or refused while nothing could make room).</summary>
        public int DroppedLow => _droppedLow;

        /// <summary>Normal-priority events refused because the ring was full of normal events.</summary>
        public int Refused => _refused;

        /// <summary>Events accepted since start.</summary>
        public int Posted => _posted;

        /// <inheritdoc />
        public bool Post(EventKind kind, int code, int arg, EventPriority priority)
        {
            long now = _clock.NowMs;
            bool accepted;
            lock (_sync)
            {
                accepted = EnqueueLocked(kind, code, arg, priority, now);
            }

            if (accepted)
            {
                _clock.Wake();
            }

            return accepted;
        }

        /// <summary>Takes the oldest event; false when empty.</summary>
        public bool TryTake(out DeviceEvent e)
        {
            // The loop asks on every iteration and the ring is mostly empty: answer that without the lock
            // (the count only changes under the lock; an interlocked read sees the latest value).
            if (System.Threading.Interlocked.CompareExchange(ref _count, 0, 0) == 0)
            {
                e = default;
                return false;
            }

            lock (_sync)
            {
                if (_count == 0)
                {
                    e = default;
                    return false;
                }

                e = _slots[_head];
                _slots[_head] = default;
                _head = (_head + 1) % _slots.Length;
                _count--;
                return true;
            }
        }

        private bool EnqueueLocked(EventKind kind, int code, int arg, EventPriority priority, long now)
        {
            if (_count == _slots.Length && !DropOldestLowLocked())
            {
                if (priority == EventPriority.Low)
                {
                    _droppedLow++;
                }
                else
                {
                    _refused++;
                }

                return false;
            }

            int tail = (_head + _count) % _slots.Length;
            _slots[tail].Kind = kind;
            _slots[tail].Priority = priority;
            _slots[tail].Code = code;
            _slots[tail].Arg = arg;
            _slots[tail].TimeMs = now;
            _count++;
            _posted++;
            return true;
        }

        // Removes the oldest low-priority event, closing the gap so FIFO order of the rest is kept.
        private bool DropOldestLowLocked()
        {
            int n = _slots.Length;
            for (int i = 0; i < _count; i++)
            {
                int at = (_head + i) % n;
                if (_slots[at].Priority != EventPriority.Low)
                {
                    continue;
                }

                for (int j = i; j < _count - 1; j++)
                {
                    _slots[(_head + j) % n] = _slots[(_head + j + 1) % n];
                }

                _slots[(_head + _count - 1) % n] = default;
                _count--;
                _droppedLow++;
                return true;
            }

            return false;
        }
    }
}
