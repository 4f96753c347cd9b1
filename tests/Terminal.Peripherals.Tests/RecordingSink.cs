using Terminal.Hal;

namespace Terminal.Peripherals.Tests;

/// <summary>An event sink that keeps what drivers post.</summary>
internal sealed class RecordingSink : IEventSink
{
    public List<(EventKind Kind, int Code, int Arg)> Events { get; } = [];

    public bool Post(EventKind kind, int code, int arg, EventPriority priority)
    {
        Events.Add((kind, code, arg));
        return true;
    }

    public EventKind[] Kinds => [.. Events.Select(e => e.Kind)];
}
