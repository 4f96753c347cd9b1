using Terminal.Hal;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>
/// A contact slot holding a scripted EMV card of the test's own (the kernel's tests do not wait for the chip model):
/// it answers the APDUs the kernel sends, records them, and can be pulled before any command.
/// </summary>
internal sealed class FakeContactCard : IContactReader
{
    private int _index;

    public FakeContactCard(FakeEmvApplet applet) => Applet = applet;

    public FakeEmvApplet Applet { get; }

    /// <summary>Commands the kernel sent, in order.</summary>
    public List<byte[]> Commands { get; } = [];

    /// <summary>The card leaves the slot just before this command (0-based); -1: never.</summary>
    public int PullAt { get; set; } = -1;

    /// <summary>A PowerOn status other than success (e.g. a mute card).</summary>
    public int AtrStatus { get; set; }

    /// <summary>Replaces the answer to command i (a hostile card); null keeps the applet's.</summary>
    public Func<int, byte[], byte[]?>? Tamper { get; set; }

    public bool PoweredOff { get; private set; }

    public bool CardPresent { get; private set; } = true;

    public void Start(IEventSink sink)
    {
    }

    public long Poll(long nowMs) => Deadline.Never;

    public int PowerOn(byte[] atr, int offset, int capacity)
    {
        if (!CardPresent)
        {
            return ReaderStatus.NoCard;
        }

        if (AtrStatus < 0)
        {
            return AtrStatus;
        }

        byte[] answer = Hex("3B 65 00 00 9C 11 01 01 03");
        answer.CopyTo(atr, offset);
        PoweredOff = false;
        return answer.Length;
    }

    public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
    {
        int i = _index++;
        if (i == PullAt)
        {
            CardPresent = false;
        }

        if (!CardPresent || PoweredOff)
        {
            return ReaderStatus.NoCard;
        }

        byte[] apdu = command[commandOffset..(commandOffset + commandLength)];
        Commands.Add(apdu);
        byte[] answer = Tamper?.Invoke(i, apdu) ?? Applet.Respond(apdu);
        if (answer.Length > responseCapacity)
        {
            return ReaderStatus.BufferTooSmall;
        }

        answer.CopyTo(response, responseOffset);
        return answer.Length;
    }

    public void PowerOff() => PoweredOff = true;

    public bool SelfCheck() => true;

    public void Dispose()
    {
    }
}
