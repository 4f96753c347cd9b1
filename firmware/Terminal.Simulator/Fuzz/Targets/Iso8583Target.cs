using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Messages.WireTrace;
using Terminal.Drivers.Simulated.Crypto;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// cup and ascii87: a message from the host into the unpacker, then what the terminal does with an answer: the
/// wire trace (masking), the response matcher, the MAC check, and the fields the flows read (F12, F13, F37,
/// F38, F39, F48, F60.2, F62 into the sign-in, catalog and update buffers), and a repack. Invariants: an
/// unpacked message repacks, and no field reports more bytes than its buffer holds.
/// </summary>
internal sealed class Iso8583Target : FuzzTarget
{
    private static readonly byte[] Mak = Convert.FromHexString("C24A8FB57AA20123");
    private readonly Iso8583Profile _profile;
    private readonly Iso8583Codec _codec;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly int[][] _lengths;
    private readonly CupMac _mac = new(new HostCrypto());

    public Iso8583Target(string name, Iso8583Profile profile, IReadOnlyList<byte[]> seeds)
    {
        Name = name;
        _profile = profile;
        _codec = new Iso8583Codec(profile);
        _seeds = seeds;
        _lengths = [.. seeds.Select(s => MessageSeeds.LengthFields(s, profile, 0))];
    }

    public override string Name { get; }

    public override string Feeds => $"the golden frames as {Name} messages from the host: Iso8583Codec.Unpack, WireTracer, ResponseMatcher, CupMac.Verify, the fields the flows read, repack";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 1200;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    public override void Feed(byte[] input, int length)
    {
        var m = new Iso8583Message(_profile);
        Iso8583Error error = _codec.Unpack(m, input, 0, length);
        var tracer = new WireTracer(_profile, NullTraceSink.Instance, 2048);
        tracer.Record(WireDirection.Inbound, 1000, input, 0, length);
        Check(!error.IsError || (error.Offset >= 0 && error.Offset <= length), "an unpack error points outside the input");

        // What HostSession and the flows do with what unpacked (fields before an error stay readable).
        var matcher = new ResponseMatcher(4, null);
        matcher.Match(m, 1000, out _);
        if (m.Has(Field.Mac) && m.GetWireOffset(Field.Mac) > m.MacInputOffset && m.MacInputOffset >= 0)
        {
            int macAt = m.GetWireOffset(Field.Mac);
            Check(macAt <= length - CupMac.Length || error.IsError, "F64 lies outside the frame");
            if (macAt <= length - CupMac.Length)
            {
                _mac.Verify(Mak, 0, Mak.Length, input, m.MacInputOffset, macAt - m.MacInputOffset, input, macAt);
            }
        }

        m.GetString(Field.ResponseCode);
        m.GetString(Field.Rrn);
        m.GetString(Field.AuthCode);
        m.GetString(Field.AdditionalData);
        m.GetNumber(Field.LocalTime);
        m.GetNumber(Field.LocalDate);
        m.GetSubfieldNumber(Field.MessageInfo, 1);
        m.GetSubfieldNumber(Field.MessageInfo, 2);
        m.GetSubfieldNumber(Field.MessageInfo, 3);
        foreach (int capacity in new[] { 40, 600, 1024 })
        {
            byte[] buffer = new byte[capacity];
            int n = m.GetBytes(Field.PrivateData, buffer, 0);
            Check(n <= capacity, "F62 copied more bytes than its buffer holds");
        }

        for (int f = m.NextField(1); f > 0; f = m.NextField(f))
        {
            m.GetString(f);
            Check(m.GetLength(f) <= length * 2, "field " + f + " is longer than the message");
        }

        if (!error.IsError)
        {
            Check(_codec.Pack(m, new byte[2048], 0) > 0, "an unpacked message does not repack: " + m.LastError.Message);
        }
    }
}

/// <summary>A wire trace sink that keeps nothing (the fuzz run checks that tracing does not throw).</summary>
internal sealed class NullTraceSink : IWireTraceSink
{
    public static readonly NullTraceSink Instance = new();

    public void WriteLine(string line)
    {
    }
}
