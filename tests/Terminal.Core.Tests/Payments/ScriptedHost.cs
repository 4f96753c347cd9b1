using System.Globalization;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Drivers.Simulated.Crypto;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// An in-memory link to a host whose answers a test scripts: each request frame goes to <see cref="Answer"/>,
/// which returns the packed reply (see <see cref="Reply"/>) or null for silence. Replies arrive at the next poll.
/// </summary>
internal sealed class ScriptedHost : IHostTransport
{
    /// <summary>TPDU (id 60, destination 0003, source 0000) and CUP header the terminal sends.</summary>
    public static readonly byte[] Preamble = Convert.FromHexString("6000030000" + "603100311003");

    /// <summary>The MAC key both ends share (double-length TDES).</summary>
    public static readonly byte[] Mak = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");

    private static readonly Iso8583Profile Profile = CupProfile.Create();
    private static readonly Iso8583Codec Codec = new(Profile);
    private readonly CupMac _mac = new(new HostCrypto());
    private readonly Queue<byte[]> _replies = new();
    private byte[] _frame = new byte[2048];
    private int _frameLength;
    private int _rrn = 100_000;

    /// <summary>Builds the answer to a request, or null to stay silent.</summary>
    public Func<Iso8583Message, byte[]?> Answer { get; set; } = _ => null;

    /// <summary>Every request received, unpacked, in order.</summary>
    public List<Iso8583Message> Requests { get; } = [];

    /// <summary>Whether each request's F64 was right under <see cref="Mak"/>.</summary>
    public List<bool> RequestMacValid { get; } = [];

    /// <summary>The MTIs received, in order.</summary>
    public IEnumerable<int> Mtis => Requests.Select(r => r.Mti);

    public int FrameLength => _frameLength;

    public byte[] Frame => _frame;

    public bool Failed => false;

    public string Problem => string.Empty;

    public Terminal.Hal.LinkFailure Failure => Terminal.Hal.LinkFailure.None;

    public bool Send(byte[] message, int offset, int count, long nowMs)
    {
        byte[] copy = message.AsSpan(offset, count).ToArray();
        var request = new Iso8583Message(Profile);
        Iso8583Error error = Codec.Unpack(request, copy, 0, copy.Length);
        if (error.IsError)
        {
            throw new InvalidOperationException("the terminal sent an unparsable request: " + error.ToString());
        }

        Requests.Add(request);
        RequestMacValid.Add(MacValid(request, copy));
        byte[]? reply = Answer(request);
        if (reply != null)
        {
            _replies.Enqueue(reply);
        }

        return true;
    }

    public void Release() => _frameLength = 0;

    public void Reset()
    {
        _replies.Clear();
        _frameLength = 0;
    }

    public long Poll(long nowMs)
    {
        if (_frameLength == 0 && _replies.Count > 0)
        {
            byte[] next = _replies.Dequeue();
            _frame = next.Length > _frame.Length ? new byte[next.Length] : _frame;
            next.CopyTo(_frame, 0);
            _frameLength = next.Length;
        }

        // Like the TCP link when connected: read again a few milliseconds later.
        return nowMs + 5;
    }

    /// <summary>
    /// The host's answer to <paramref name="request"/>: MTI + 10, echoing F3, F4, F11, F41, F42, F60, with
    /// F39 <paramref name="responseCode"/>, host date and time, an RRN and an auth code when approved,
    /// <paramref name="field48"/> and <paramref name="field62"/> when given, and F64 under <see cref="Mak"/> (spoilt with <paramref name="badMac"/>).
    /// </summary>
    public byte[] Reply(Iso8583Message request, string responseCode, string? field48 = null, bool badMac = false, byte[]? field62 = null)
    {
        var reply = new Iso8583Message(Profile);
        byte[] preamble = new byte[Profile.PreambleLength];
        request.GetPreamble(preamble, 0);
        CupProfile.SwapTpduAddresses(preamble, 0);
        reply.SetPreamble(preamble, 0);
        reply.Mti = request.Mti + 10;
        foreach (int f in new[] { Field.ProcessingCode, Field.Amount, Field.Stan, Field.TerminalId, Field.MerchantId, Field.MessageInfo })
        {
            if (request.Has(f))
            {
                reply.CopyField(request, f);
            }
        }

        reply.SetNumber(Field.LocalTime, 101530, 6);
        reply.SetNumber(Field.LocalDate, 1125, 4);
        if (request.Mti != 500 && request.Mti != 320)
        {
            reply.Set(Field.Rrn, (++_rrn).ToString("D12", CultureInfo.InvariantCulture));
            if (responseCode == "00")
            {
                reply.Set(Field.AuthCode, "A" + (_rrn % 100_000).ToString("D5", CultureInfo.InvariantCulture));
            }
        }

        reply.Set(Field.ResponseCode, responseCode);
        if (field48 != null)
        {
            reply.Set(Field.AdditionalData, field48);
        }

        if (field62 != null)
        {
            reply.Set(Field.PrivateData, field62, 0, field62.Length);
        }

        var buffer = new byte[2048];
        var code = new byte[CupMac.Length];
        reply.Set(Field.Mac, code, 0, code.Length);
        int n = Codec.Pack(reply, buffer, 0);
        _mac.Compute(Mak, 0, Mak.Length, buffer, reply.MacInputOffset, reply.MacInputLength, code, 0);
        if (badMac)
        {
            code[0] ^= 0x01;
        }

        reply.Set(Field.Mac, code, 0, code.Length);
        n = Codec.Pack(reply, buffer, 0);
        return buffer[..n];
    }

    private bool MacValid(Iso8583Message request, byte[] packed)
    {
        var received = new byte[CupMac.Length];
        return request.GetBytes(Field.Mac, received, 0) == CupMac.Length
            && _mac.Verify(Mak, 0, Mak.Length, packed, request.MacInputOffset, request.MacInputLength, received, 0);
    }
}
