using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Firmware;

namespace Terminal.Simulator.Fuzz;

/// <summary>
/// The terminal's host session over a link the fuzz target plays the host on: what the terminal sends is
/// kept, and the target hands back an answer built from the request (STAN, TID and MID copied, as a real
/// host would), MACed with a key it knows, so that hostile field values reach the flow behind the session.
/// </summary>
internal sealed class FuzzHost : IHostTransport
{
    private readonly byte[] _frame = new byte[4096];
    private readonly byte[] _tx = new byte[4096];
    private readonly CupMac _mac;
    private int _frameLength;

    public FuzzHost()
    {
        Clock = new VirtualClock(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        Crypto = new HostCrypto();
        _mac = new CupMac(Crypto);
        Session = new HostSession(CupProfile.Create(), this, Crypto, Clock, null, 2048);
        Session.SetPreamble(FactoryDefaults.CupPreamble(), 0);
        Sent = new Iso8583Message(Session.Profile);
    }

    public VirtualClock Clock { get; }

    public HostCrypto Crypto { get; }

    public HostSession Session { get; }

    /// <summary>What the terminal sent last, unpacked.</summary>
    public Iso8583Message Sent { get; }

    public int FrameLength => _frameLength;

    public byte[] Frame => _frame;

    public bool Failed => false;

    public string Problem => string.Empty;

    /// <inheritdoc />
    public Terminal.Hal.LinkFailure Failure => Terminal.Hal.LinkFailure.None;

    public bool Send(byte[] message, int offset, int count, long nowMs)
    {
        Array.Copy(message, offset, _tx, 0, count);
        Session.Codec.Unpack(Sent, _tx, 0, count);
        return true;
    }

    public void Release() => _frameLength = 0;

    public void Reset() => _frameLength = 0;

    public long Poll(long nowMs) => Terminal.Hal.Deadline.Never;

    /// <summary>
    /// Answers the last request with <paramref name="mti"/>: F11, F41, F42 (and F60) copied, F39 "00", then
    /// <paramref name="fill"/>; F64 under <paramref name="mak"/> when given. Polls the session so the flow sees it.
    /// </summary>
    public void Answer(int mti, Action<Iso8583Message> fill, byte[]? mak)
    {
        var answer = new Iso8583Message(Session.Profile);
        answer.SetPreamble(FactoryDefaults.CupPreamble(), 0);
        answer.Mti = mti;
        foreach (int f in new[] { Field.Stan, Field.TerminalId, Field.MerchantId, Field.MessageInfo })
        {
            answer.CopyField(Sent, f);
        }

        answer.Set(Field.ResponseCode, "00");
        fill(answer);
        if (mak != null)
        {
            answer.Set(Field.Mac, new byte[8], 0, 8);
        }

        int n = Session.Codec.Pack(answer, _frame, 0);
        if (n < 0)
        {
            return; // a fill the packer refuses never reaches the wire
        }

        if (mak != null)
        {
            _mac.Sign(mak, 0, mak.Length, _frame, answer.MtiOffset, n);
        }

        _frameLength = n;
        Session.Poll(Clock.NowMs);
    }
}
