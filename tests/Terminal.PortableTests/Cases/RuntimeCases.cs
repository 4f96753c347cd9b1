using Terminal.Core.Runtime;
using Terminal.Hal;
using Terminal.PortableTests.Doubles;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests.Cases
{
    /// <summary>The event ring, the timer table and the event loop, driven by a fake clock.</summary>
    public sealed class RuntimeCases : ITimerHandler, IEventHandler
    {
        private readonly int[] _firedIds = new int[16];
        private readonly long[] _firedAt = new long[16];
        private readonly int[] _handledCodes = new int[16];
        private int _fired;
        private int _handled;
        private int _faults;
        private int _throwOnCode = -1;

        /// <summary>The cases of this class.</summary>
        public static TestSuite Suite()
        {
            var suite = new TestSuite("Runtime");
            suite.Add("Events_come_out_in_posting_order_stamped_with_the_clock", new RuntimeCases().Events_come_out_in_posting_order_stamped_with_the_clock);
            suite.Add("A_full_ring_drops_the_oldest_low_priority_event", new RuntimeCases().A_full_ring_drops_the_oldest_low_priority_event);
            suite.Add("A_ring_full_of_normal_events_refuses_the_next", new RuntimeCases().A_ring_full_of_normal_events_refuses_the_next);
            suite.Add("Due_timers_fire_earliest_deadline_first", new RuntimeCases().Due_timers_fire_earliest_deadline_first);
            suite.Add("A_periodic_timer_keeps_its_phase_after_a_late_loop", new RuntimeCases().A_periodic_timer_keeps_its_phase_after_a_late_loop);
            suite.Add("Cancelling_a_stale_timer_id_leaves_the_new_timer_alone", new RuntimeCases().Cancelling_a_stale_timer_id_leaves_the_new_timer_alone);
            suite.Add("The_loop_dispatches_posted_events_in_order", new RuntimeCases().The_loop_dispatches_posted_events_in_order);
            suite.Add("The_loop_contains_a_throwing_handler_and_handles_the_next_event", new RuntimeCases().The_loop_contains_a_throwing_handler_and_handles_the_next_event);
            suite.Add("The_loop_fires_a_timer_when_the_clock_reaches_it", new RuntimeCases().The_loop_fires_a_timer_when_the_clock_reaches_it);
            return suite;
        }

        /// <summary>Case.</summary>
        public void Events_come_out_in_posting_order_stamped_with_the_clock()
        {
            var clock = new FakeClock();
            var ring = new EventRing(4, clock);
            clock.Advance(5);
            ring.Post(EventKind.KeyDown, 7, 0, EventPriority.Normal);
            clock.Advance(3);
            ring.Post(EventKind.KeyUp, 7, 1, EventPriority.Normal);

            Check.True(ring.TryTake(out DeviceEvent first), "first take");
            Check.True(ring.TryTake(out DeviceEvent second), "second take");
            Check.False(ring.TryTake(out DeviceEvent _), "third take from an empty ring");
            Check.Equal((long)EventKind.KeyDown, (long)first.Kind, "first kind");
            Check.Equal(5, first.TimeMs, "first time");
            Check.Equal((long)EventKind.KeyUp, (long)second.Kind, "second kind");
            Check.Equal(8, second.TimeMs, "second time");
            Check.Equal(2, clock.Wakes, "wakes, one per accepted post");
        }

        /// <summary>Case.</summary>
        public void A_full_ring_drops_the_oldest_low_priority_event()
        {
            var ring = new EventRing(3, new FakeClock());
            ring.Post(EventKind.KeyDown, 1, 0, EventPriority.Normal);
            ring.Post(EventKind.KeyRepeat, 2, 0, EventPriority.Low);
            ring.Post(EventKind.KeyRepeat, 3, 0, EventPriority.Low);

            Check.True(ring.Post(EventKind.KeyDown, 4, 0, EventPriority.Normal), "post into a full ring holding low events");

            Check.Equal(1, ring.DroppedLow, "dropped low events");
            CheckCodes(ring, new int[] { 1, 3, 4 });
        }

        /// <summary>Case.</summary>
        public void A_ring_full_of_normal_events_refuses_the_next()
        {
            var ring = new EventRing(2, new FakeClock());
            ring.Post(EventKind.KeyDown, 1, 0, EventPriority.Normal);
            ring.Post(EventKind.KeyDown, 2, 0, EventPriority.Normal);

            Check.False(ring.Post(EventKind.KeyDown, 3, 0, EventPriority.Normal), "normal post into a full ring");
            Check.False(ring.Post(EventKind.KeyRepeat, 4, 0, EventPriority.Low), "low post into a full ring");

            Check.Equal(1, ring.Refused, "refused");
            Check.Equal(1, ring.DroppedLow, "dropped low");
            CheckCodes(ring, new int[] { 1, 2 });
        }

        /// <summary>Case.</summary>
        public void Due_timers_fire_earliest_deadline_first()
        {
            var table = new TimerTable(4);
            int late = table.Start(this, 300, 0);
            int early = table.Start(this, 100, 0);

            Check.Equal(0, table.FireDue(99), "timers fired before any is due");
            Check.Equal(2, table.FireDue(500), "timers fired at 500");
            Check.Equal(2, _fired, "handler calls");
            Check.Equal(early, _firedIds[0], "first fired");
            Check.Equal(late, _firedIds[1], "second fired");
            Check.Equal(0, table.Active, "active after both one-shots fired");
        }

        /// <summary>Case.</summary>
        public void A_periodic_timer_keeps_its_phase_after_a_late_loop()
        {
            var table = new TimerTable(2);
            table.Start(this, 100, 100);

            table.FireDue(100);
            table.FireDue(450);

            Check.Equal(2, _fired, "fires: one per call, no burst for the missed periods");
            Check.Equal(500, table.NextDeadline, "next deadline stays on the 100 ms grid");
        }

        /// <summary>Case.</summary>
        public void Cancelling_a_stale_timer_id_leaves_the_new_timer_alone()
        {
            var table = new TimerTable(1);
            int old = table.Start(this, 10, 0);
            table.FireDue(10);
            int current = table.Start(this, 50, 0);

            table.Cancel(old);

            Check.True(table.IsActive(current), "the timer now in the slot is active");
            Check.Equal(50, table.NextDeadline, "next deadline");
            Check.Equal(-1, table.Start(this, 60, 0), "a full table refuses with -1");
        }

        /// <summary>Case.</summary>
        public void The_loop_dispatches_posted_events_in_order()
        {
            var loop = new EventLoop(new FakeClock(), 8, 4, 2);
            loop.SetHandler(this);
            loop.Events.Post(EventKind.KeyDown, 21, 0, EventPriority.Normal);
            loop.Events.Post(EventKind.KeyUp, 22, 0, EventPriority.Normal);

            loop.RunOnce();

            Check.Equal(2, _handled, "events handled");
            Check.Equal(21, _handledCodes[0], "first code");
            Check.Equal(22, _handledCodes[1], "second code");
            Check.Equal(2, loop.Dispatched, "dispatched counter");
        }

        /// <summary>Case.</summary>
        public void The_loop_contains_a_throwing_handler_and_handles_the_next_event()
        {
            var loop = new EventLoop(new FakeClock(), 8, 4, 2);
            loop.SetHandler(this);
            _throwOnCode = 1;
            loop.Events.Post(EventKind.User, 1, 0, EventPriority.Normal);
            loop.Events.Post(EventKind.User, 2, 0, EventPriority.Normal);

            loop.RunOnce();

            Check.Equal(1, _faults, "faults reported to the handler");
            Check.Equal(1, loop.Faults, "faults counted by the loop");
            Check.Equal(2, _handledCodes[_handled - 1], "the event after the throwing one was handled");
        }

        /// <summary>Case.</summary>
        public void The_loop_fires_a_timer_when_the_clock_reaches_it()
        {
            var clock = new FakeClock();
            var loop = new EventLoop(clock, 8, 4, 2);
            loop.SetHandler(this);
            loop.Timers.Start(this, 250, 0);

            loop.RunOnce();
            Check.Equal(0, _fired, "fired before the deadline");
            Check.Equal(250, loop.NextDeadline, "loop's next deadline");

            clock.WaitUntil(loop.NextDeadline);
            loop.RunOnce();
            Check.Equal(1, _fired, "fired at the deadline");
            Check.Equal(250, _firedAt[0], "fired with the clock's time");
        }

        /// <inheritdoc />
        public void OnTimer(int timerId, long nowMs)
        {
            _firedIds[_fired] = timerId;
            _firedAt[_fired] = nowMs;
            _fired++;
        }

        /// <inheritdoc />
        public void OnEvent(DeviceEvent e)
        {
            _handledCodes[_handled++] = e.Code;
            if (e.Code == _throwOnCode)
            {
                throw new System.InvalidOperationException("handler failure under test");
            }
        }

        /// <inheritdoc />
        public void OnFault(string where, System.Exception error) => _faults++;

        private static void CheckCodes(EventRing ring, int[] expected)
        {
            for (int i = 0; i < expected.Length; i++)
            {
                Check.True(ring.TryTake(out DeviceEvent e), "event " + i.ToString() + " present");
                Check.Equal(expected[i], e.Code, "event " + i.ToString() + " code");
            }

            Check.False(ring.TryTake(out DeviceEvent _), "no more events");
        }
    }
}
