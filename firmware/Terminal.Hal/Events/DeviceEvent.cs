namespace Terminal.Hal
{
    /// <summary>What happened. Small and fixed so events are plain values in a ring.</summary>
    public enum EventKind : byte
    {
        /// <summary>Nothing (an empty slot).</summary>
        None = 0,
        /// <summary>A key went down; Code is a <see cref="KeyCode"/>.</summary>
        KeyDown = 1,
        /// <summary>A held key repeated; Code is a <see cref="KeyCode"/>. Low priority: dropped first.</summary>
        KeyRepeat = 2,
        /// <summary>A key went up; Code is a <see cref="KeyCode"/>.</summary>
        KeyUp = 3,
        /// <summary>A key is stuck down; Code is a <see cref="KeyCode"/>.</summary>
        KeyStuck = 4,
        /// <summary>
        /// A driver's pin interrupt asks the loop to poll it (the loop polls idle drivers after any event);
        /// Code is the driver's own tag. Carries nothing for the app; low priority.
        /// </summary>
        DeviceWake = 5,
        /// <summary>A magstripe swipe finished; Arg is 1 for a good read, 0 for a bad one.</summary>
        CardSwiped = 10,
        /// <summary>A contactless card entered the field.</summary>
        CardPresent = 11,
        /// <summary>The contactless card left the field.</summary>
        CardRemoved = 12,
        /// <summary>A chip card was pushed into the contact slot (the card-presence switch closed).</summary>
        CardInserted = 13,
        /// <summary>The chip card left the contact slot (the presence switch opened), possibly mid-transaction.</summary>
        CardWithdrawn = 14,
        /// <summary>The QR scanner has a complete code; Arg is its length, or negative for a bad read.</summary>
        ScanComplete = 20,
        /// <summary>Bytes arrived on a host link; Code is the link number.</summary>
        LinkData = 30,
        /// <summary>A host link changed state; Arg is a <see cref="LinkState"/>.</summary>
        LinkState = 31,
        /// <summary>Printer status changed; Arg is a <see cref="PrinterStatus"/> bit set.</summary>
        PrinterStatus = 40,
        /// <summary>A board-specific signal (power button, battery low); Code says which.</summary>
        Board = 50,
        /// <summary>Application-defined (a flow posting to itself).</summary>
        User = 100,
    }

    /// <summary>How important an event is when the ring is full.</summary>
    public enum EventPriority : byte
    {
        /// <summary>Dropped first when the ring is full (key repeat, status chatter).</summary>
        Low = 0,
        /// <summary>Kept; a new normal event is refused only when the ring holds nothing low.</summary>
        Normal = 1,
    }

    /// <summary>One event in the loop's ring: a value type, so posting allocates nothing.</summary>
    public struct DeviceEvent
    {
        /// <summary>What happened.</summary>
        public EventKind Kind;

        /// <summary>How droppable it is.</summary>
        public EventPriority Priority;

        /// <summary>Which key, link or signal.</summary>
        public int Code;

        /// <summary>An extra value whose meaning depends on <see cref="Kind"/>.</summary>
        public int Arg;

        /// <summary>Clock time of the event in milliseconds since boot.</summary>
        public long TimeMs;
    }

    /// <summary>Where producers (pin callbacks, UART receive, polled drivers) post events. Thread-safe.</summary>
    public interface IEventSink
    {
        /// <summary>Posts an event; returns false when it was dropped because the ring was full.</summary>
        bool Post(EventKind kind, int code, int arg, EventPriority priority);
    }

    /// <summary>A driver the loop polls: debounce timers, status queries, flow-controlled sending.</summary>
    public interface IPolledDevice
    {
        /// <summary>Does what is due at <paramref name="nowMs"/>; returns when it next wants polling (<see cref="Deadline.Never"/> for "only after an event").</summary>
        long Poll(long nowMs);
    }
}
