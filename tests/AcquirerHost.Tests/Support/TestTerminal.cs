using System.Globalization;
using AcquirerHost.Security;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Drivers.Simulated.Crypto;

namespace AcquirerHost.Tests.Support;

/// <summary>A terminal's side of the conversation, built from Core's packer, MAC and framers: what the tests drive the host with.</summary>
public sealed class TestTerminal : IDisposable
{
    /// <summary>TPDU the terminal sends: id 60, destination 0003, source 0000.</summary>
    public static readonly byte[] Tpdu = [0x60, 0x00, 0x03, 0x00, 0x00];

    /// <summary>CUP application header.</summary>
    public static readonly byte[] Header = [0x60, 0x31, 0x00, 0x31, 0x10, 0x03];

    private readonly ITerminalTransport _link;
    private readonly CupMac _mac = new(new HostCrypto());
    private readonly byte[] _preamble = [.. Tpdu, .. Header];

    /// <summary>Creates a terminal speaking <paramref name="profile"/> over <paramref name="link"/>.</summary>
    public TestTerminal(ITerminalTransport link, Iso8583Profile profile, string tid, string mid, byte[] tmk)
    {
        _link = link;
        Profile = profile;
        Codec = new Iso8583Codec(profile);
        Tid = tid;
        Mid = mid;
        Tmk = tmk;
    }

    /// <summary>The message profile.</summary>
    public Iso8583Profile Profile { get; }

    /// <summary>The codec of <see cref="Profile"/>.</summary>
    public Iso8583Codec Codec { get; }

    /// <summary>Terminal id (F41).</summary>
    public string Tid { get; }

    /// <summary>Merchant id (F42).</summary>
    public string Mid { get; }

    /// <summary>Terminal master key.</summary>
    public byte[] Tmk { get; }

    /// <summary>PIN key from the last sign-in.</summary>
    public byte[]? Pik { get; private set; }

    /// <summary>MAC key from the last sign-in.</summary>
    public byte[]? Mak { get; set; }

    /// <summary>Current batch number (from sign-in).</summary>
    public int Batch { get; set; } = 1;

    /// <summary>The last STAN used.</summary>
    public int Stan { get; set; }

    /// <summary>The raw bytes of the last response received.</summary>
    public byte[]? LastResponseBytes { get; private set; }

    /// <summary>A new request with TPDU/header (cup), MTI, next STAN, F41, F42 and F60 (type, batch, network code).</summary>
    public Iso8583Message Request(int mti, string? processingCode, long? amount, string type60, string code60 = "000", int? stan = null)
    {
        var m = new Iso8583Message(Profile, 512) { Mti = mti };
        if (Profile.PreambleLength > 0)
        {
            m.SetPreamble(_preamble, 0);
        }

        if (processingCode != null)
        {
            m.Set(Field.ProcessingCode, processingCode);
        }

        if (amount is long a)
        {
            m.SetNumber(Field.Amount, a);
        }

        Stan = stan ?? Stan + 1;
        m.SetNumber(Field.Stan, Stan);
        m.Set(Field.TerminalId, Tid);
        m.Set(Field.MerchantId, Mid);
        m.Set(Field.MessageInfo, type60 + Batch.ToString("D6", CultureInfo.InvariantCulture) + code60);
        return m;
    }

    /// <summary>Packs a request, MACing it with the MAK when <paramref name="mac"/> is set.</summary>
    public byte[] Pack(Iso8583Message m, bool mac = true)
    {
        var buffer = new byte[2048];
        int n;
        if (mac && Mak != null)
        {
            var code = new byte[CupMac.Length];
            m.Set(Field.Mac, code, 0, code.Length);
            n = Codec.Pack(m, buffer, 0);
            Assert.True(n > 0, m.LastError.Message);
            _mac.Compute(Mak, 0, Mak.Length, buffer, m.MacInputOffset, m.MacInputLength, code, 0);
        }

        n = Codec.Pack(m, buffer, 0);
        Assert.True(n > 0, m.LastError.Message);
        return buffer[..n];
    }

    /// <summary>Sends a packed message.</summary>
    public void SendBytes(byte[] message) => _link.Send(message);

    /// <summary>Receives and unpacks the next response, or null on timeout.</summary>
    public Iso8583Message? Receive(int timeoutMs = 3000)
    {
        byte[]? bytes = _link.Receive(timeoutMs);
        if (bytes == null)
        {
            return null;
        }

        LastResponseBytes = bytes;
        var response = new Iso8583Message(Profile, 64);
        var error = Codec.Unpack(response, bytes, 0, bytes.Length);
        Assert.False(error.IsError, error.Message);
        return response;
    }

    /// <summary>Sends a request (MACed when a MAK is known) and returns the response, or null on timeout.</summary>
    public Iso8583Message? Exchange(Iso8583Message request, int timeoutMs = 3000, bool mac = true)
    {
        SendBytes(Pack(request, mac));
        return Receive(timeoutMs);
    }

    /// <summary>Whether the last response's F64 is the MAC of its content under <paramref name="mak"/> (the current MAK by default).</summary>
    public bool ResponseMacValid(Iso8583Message response, byte[]? mak = null)
    {
        mak ??= Mak ?? throw new InvalidOperationException("no MAK");
        var received = new byte[CupMac.Length];
        if (response.GetBytes(Field.Mac, received, 0) != CupMac.Length)
        {
            return false;
        }

        return _mac.Verify(mak, 0, mak.Length, LastResponseBytes!, response.MacInputOffset, response.MacInputLength, received, 0);
    }

    /// <summary>Track data key from the last sign-in with 60.3 = 004 (null after a 003 one).</summary>
    public byte[]? Tdk { get; private set; }

    /// <summary>Signs in: 0800 with 60.3 = 003 (or 004, with a track key); opens F62 under the TMK, takes the keys and the batch number.</summary>
    public Iso8583Message SignIn(string code60 = "003")
    {
        var response = Exchange(Request(800, null, null, "00", code60), mac: false) ?? throw new TimeoutException("no sign-in response");
        Assert.Equal("00", response.GetString(Field.ResponseCode));
        byte[] f62 = Convert.FromHexString(response.GetString(Field.PrivateData)!);
        Assert.True(WorkingKeys.TryOpenField62(Tmk, f62, out byte[] pik, out byte[] mak), "F62 check values do not match the keys");
        Pik = pik;
        Mak = mak;
        Tdk = WorkingKeys.TryOpenTrackKey(Tmk, f62, out byte[] tdk) ? tdk : null;
        Batch = int.Parse(response.GetString(Field.MessageInfo)!.AsSpan(2, 6), CultureInfo.InvariantCulture);
        return response;
    }

    /// <summary>A sale 0200 (F3 000000, F60.1 22) with a PAN in F2.</summary>
    public Iso8583Message Sale(long amount, string pan = "6222020000001234567")
    {
        var m = Request(200, "000000", amount, "22");
        m.Set(Field.Pan, pan);
        m.Set(Field.EntryMode, "021");
        m.Set(Field.ConditionCode, "00");
        m.Set(Field.Currency, "156");
        return m;
    }

    /// <inheritdoc />
    public void Dispose() => _link.Dispose();
}
