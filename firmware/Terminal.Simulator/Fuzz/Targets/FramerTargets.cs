using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// tcp-framer: bytes off the socket (golden frames with their 2-byte length, one or two to a seed) into
/// <see cref="TcpFramer"/> in chunks of varying size with time passing, each frame it delivers unpacked;
/// then a long silence. Invariant: a delivered frame fits the framer's buffer and every Feed consumes within
/// what it was given.
/// </summary>
internal sealed class TcpFramerTarget : FuzzTarget
{
    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public TcpFramerTarget()
    {
        IReadOnlyList<byte[]> frames = MessageSeeds.Cup;
        for (int i = 0; i < frames.Count; i++)
        {
            byte[] one = MessageSeeds.TcpFramed(frames[i]);
            byte[] two = MessageSeeds.TcpFramed(frames[(i + 1) % frames.Count]);
            _seeds.Add(one);
            _lengths.Add([0, 1]);
            _seeds.Add([.. one, .. two]);
            _lengths.Add([0, 1, one.Length, one.Length + 1]);
        }
    }

    public override string Name => "tcp-framer";

    public override string Feeds => "golden frames with their 2-byte length, one or two back to back, in chunks: TcpFramer, then each frame unpacked";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 2400;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    public override void Feed(byte[] input, int length)
    {
        var framer = new TcpFramer(1024, 200);
        var message = new Iso8583Message(Profiles.Cup);
        long now = 0;
        int used = 0;
        int chunk = 1 + (length % 97);
        while (used < length)
        {
            int n = Math.Min(chunk, length - used);
            int took = framer.Feed(input, used, n, now);
            Check(took >= 0 && took <= n, "Feed consumed " + took + " of " + n + " bytes");
            if (framer.FrameReady)
            {
                Check(framer.FrameLength >= 1 && framer.FrameLength <= framer.Frame.Length, "a frame of " + framer.FrameLength + " bytes");
                Profiles.CupCodec.Unpack(message, framer.Frame, 0, framer.FrameLength);
                framer.Release();
            }
            else
            {
                Check(took > 0, "Feed took nothing with no frame waiting");
            }

            used += took;
            now += 5 + (used % 250); // sometimes past the inter-byte timeout
            framer.Poll(now);
            chunk = 1 + ((chunk * 31) + used) % 257;
        }

        framer.Poll(now + 10_000);
    }
}

/// <summary>
/// serial-framer: bytes off the serial line (ACK, NAK, golden frames as STX, length, data, ETX, LRC) into
/// <see cref="SerialFramer"/> while it waits for the ACK of a request it sent, in chunks with time passing,
/// each frame it delivers unpacked. Invariants as for TCP, and the send state machine ends in a known state.
/// </summary>
internal sealed class SerialFramerTarget : FuzzTarget
{
    private static readonly byte[] Request = MessageSeeds.Cup[2];
    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public SerialFramerTarget()
    {
        foreach (byte[] frame in MessageSeeds.Cup)
        {
            byte[] framed = MessageSeeds.SerialFramed(frame);
            _seeds.Add([SerialFramer.Ack, .. framed]);
            _lengths.Add([2, 3]);
            _seeds.Add([SerialFramer.Nak, SerialFramer.Ack, .. framed, .. framed]);
            _lengths.Add([3, 4, framed.Length + 3, framed.Length + 4]);
        }
    }

    public override string Name => "serial-framer";

    public override string Feeds => "ACK/NAK and golden frames as STX, BCD length, data, ETX, LRC, in chunks, while a request awaits its ACK: SerialFramer, then each frame unpacked";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 2400;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    // The LRC of each frame made right again, so that length lies pass the check behind them.
    public override int Seal(byte[] input, int length)
    {
        for (int at = 0; at + 3 <= length; at++)
        {
            if (input[at] != SerialFramer.Stx)
            {
                continue;
            }

            int n = Bcd(input[at + 1]) * 100 + Bcd(input[at + 2]);
            int end = at + 3 + n;
            if (end + 1 < length && input[end] == SerialFramer.Etx)
            {
                input[end + 1] = MessageSeeds.SerialLrc(input, at + 1, n + 3);
                at = end + 1;
            }
        }

        return length;
    }

    public override void Feed(byte[] input, int length)
    {
        var writer = new DiscardWriter();
        var framer = new SerialFramer(writer, 1024, 1000, 200);
        var message = new Iso8583Message(Profiles.Cup);
        long now = 0;
        framer.Send(Request, 0, Request.Length, now);
        int used = 0;
        int chunk = 1 + (length % 89);
        while (used < length)
        {
            int n = Math.Min(chunk, length - used);
            int took = framer.Feed(input, used, n, now);
            Check(took >= 0 && took <= n, "Feed consumed " + took + " of " + n + " bytes");
            if (framer.FrameReady)
            {
                Check(framer.FrameLength >= 1 && framer.FrameLength <= framer.Frame.Length, "a frame of " + framer.FrameLength + " bytes");
                Profiles.CupCodec.Unpack(message, framer.Frame, 0, framer.FrameLength);
                framer.Release();
            }
            else
            {
                Check(took > 0, "Feed took nothing with no frame waiting");
            }

            used += took;
            now += 5 + (used % 250);
            framer.Poll(now);
            chunk = 1 + ((chunk * 31) + used) % 257;
        }

        for (int i = 0; i < 6; i++)
        {
            now += 1000;
            framer.Poll(now);
        }

        Check(framer.SendState is SerialSendState.Delivered or SerialSendState.Failed, "the request is still " + framer.SendState + " after its retries ran out");
    }

    private static int Bcd(byte b) => ((b >> 4) * 10) + (b & 0x0F);

    private sealed class DiscardWriter : ILinkWriter
    {
        public void Write(byte[] buffer, int offset, int count)
        {
        }
    }
}
