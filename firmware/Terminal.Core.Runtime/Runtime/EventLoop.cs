using Terminal.Hal;

namespace Terminal.Core.Runtime
{
    /// <summary>Receives events on the loop thread.</summary>
    public interface IEventHandler
    {
        /// <summary>Handles one event.</summary>
        void OnEvent(DeviceEvent e);

        /// <summary>
        /// Told when handling an event, a timer or a poll threw: the loop has already survived it; the
        /// handler shows a message and returns to a safe state.
        /// </summary>
        void OnFault(string where, System.Exception error);
    }

    /// <summary>
    /// The firmware's single-threaded event loop: drain the event ring, fire due timers, poll the drivers
    /// that are due, then wait on the clock until the next deadline or the next posted event. An exception
    /// from user code is contained and reported; only power loss ends the loop.
    /// </summary>
    public sealed class EventLoop
    {
        private readonly IClock _clock;
        private readonly EventRing _events;
        private readonly TimerTable _timers;
        private readonly IPolledDevice[] _polled;
        private readonly long[] _nextPoll;
        private int _polledCount;
        private IEventHandler? _handler;
        private int _stopping; // 1 once Stop is asked; Interlocked because nanoFramework has no volatile
        private long _dispatched;
        private long _iterations;
        private long _idleWaits;
        private int _faults;

        /// <summary>Creates a loop with an event ring, a timer table and room for polled devices.</summary>
        public EventLoop(IClock clock, int eventCapacity, int timerCapacity, int polledCapacity)
        {
            _clock = clock;
            _events = new EventRing(eventCapacity, clock);
            _timers = new TimerTable(timerCapacity);
            _polled = new IPolledDevice[polledCapacity];
            _nextPoll = new long[polledCapacity];
        }

        /// <summary>The ring producers post to.</summary>
        public EventRing Events => _events;

        /// <summary>Timers run by this loop.</summary>
        public TimerTable Timers => _timers;

        /// <summary>The loop's clock.</summary>
        public IClock Clock => _clock;

        /// <summary>Events handled since start.</summary>
        public long Dispatched => _dispatched;

        /// <summary>Loop iterations since start.</summary>
        public long Iterations => _iterations;

        /// <summary>Times the loop went idle and waited.</summary>
        public long IdleWaits => _idleWaits;

        /// <summary>Exceptions contained since start.</summary>
        public int Faults => _faults;

        /// <summary>Sets who receives events.</summary>
        public void SetHandler(IEventHandler handler) => _handler = handler;

        /// <summary>Adds a device to poll; it is first polled on the next iteration.</summary>
        public void AddPolled(IPolledDevice device)
        {
            if (_polledCount == _polled.Length)
            {
                throw new System.InvalidOperationException("no room for another polled device");
            }

            _polled[_polledCount] = device;
            _nextPoll[_polledCount] = 0;
            _polledCount++;
        }

        /// <summary>
        /// Does everything that is due now: all queued events, due timers, due polls. Returns the amount of
        /// work done (0 means the loop is idle).
        /// </summary>
        public int RunOnce()
        {
            _iterations++;
            long now = _clock.NowMs;
            int work = 0;
            bool hadEvents = false;
            DeviceEvent e;
            while (_events.TryTake(out e))
            {
                hadEvents = true;
                work++;
                _dispatched++;
                IEventHandler? handler = _handler;
                if (handler == null)
                {
                    continue;
                }

                try
                {
                    handler.OnEvent(e);
                }
                catch (PowerLossException)
                {
                    throw;
                }
                catch (System.Exception ex)
                {
                    Contain("event", ex);
                }
            }

            now = _clock.NowMs;
            try
            {
                // A timer handler may start work a driver must carry on (a flow sending a message), as an event
                // handler may: drivers that wait for "only after an event" are polled after either.
                int fired = _timers.FireDue(now);
                work += fired;
                hadEvents |= fired > 0;
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (System.Exception ex)
            {
                work++;
                Contain("timer", ex);
            }

            for (int i = 0; i < _polledCount; i++)
            {
                long due = _nextPoll[i];
                if (due > now && !(hadEvents && due == Deadline.Never))
                {
                    continue;
                }

                work++;
                try
                {
                    _nextPoll[i] = _polled[i].Poll(now);
                }
                catch (PowerLossException)
                {
                    throw;
                }
                catch (System.Exception ex)
                {
                    // A faulty driver is retried later rather than spinning the loop.
                    _nextPoll[i] = now + 1000;
                    Contain("poll", ex);
                }
            }

            return work;
        }

        /// <summary>The earliest time anything is due (timers, polls), or <see cref="Deadline.Never"/>.</summary>
        public long NextDeadline
        {
            get
            {
                long next = _timers.NextDeadline;
                for (int i = 0; i < _polledCount; i++)
                {
                    if (_nextPoll[i] < next)
                    {
                        next = _nextPoll[i];
                    }
                }

                return next;
            }
        }

        /// <summary>Runs until <see cref="Stop"/>: work, then wait for the next deadline or event.</summary>
        public void Run()
        {
            System.Threading.Interlocked.Exchange(ref _stopping, 0);
            while (!StopRequested)
            {
                RunOnce();
                if (!StopRequested && _events.Count == 0)
                {
                    long next = NextDeadline;
                    if (next > _clock.NowMs)
                    {
                        _idleWaits++;
                        _clock.WaitUntil(next);
                    }
                }
            }
        }

        /// <summary>Runs until nothing is due before <paramref name="untilMs"/>, letting the clock reach it (virtual-clock runs).</summary>
        public void RunUntil(long untilMs)
        {
            while (true)
            {
                RunOnce();
                if (_events.Count > 0)
                {
                    continue;
                }

                long next = NextDeadline;
                if (next > untilMs)
                {
                    if (_clock.NowMs < untilMs)
                    {
                        _idleWaits++;
                        _clock.WaitUntil(untilMs);
                        if (_events.Count > 0)
                        {
                            continue;
                        }
                    }

                    return;
                }

                if (next > _clock.NowMs)
                {
                    _idleWaits++;
                    _clock.WaitUntil(next);
                }
            }
        }

        /// <summary>Asks <see cref="Run"/> to return after the current iteration; safe from any thread.</summary>
        public void Stop()
        {
            System.Threading.Interlocked.Exchange(ref _stopping, 1);
            _clock.Wake();
        }

        private bool StopRequested => System.Threading.Interlocked.CompareExchange(ref _stopping, 0, 0) == 1;

        private void Contain(string where, System.Exception ex)
        {
            _faults++;
            IEventHandler? handler = _handler;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler.OnFault(where, ex);
            }
            catch (PowerLossException)
            {
                throw;
            }
            catch (System.Exception)
            {
                // A handler that fails while reporting a fault must not take the loop down with it.
                _faults++;
            }
        }
    }
}
