using System.Security.Cryptography;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>One application of a <see cref="FakeEmvApplet"/>: its FCI, records and how it answers.</summary>
internal sealed class FakeApp
{
    public const string UnionPayPan = "6212345678901234";

    public byte[] Aid { get; set; } = Hex("A000000333010101");

    public string Label { get; set; } = "UnionPay Debit";

    public byte? Priority { get; set; } = 0x01;

    public string? PreferredName { get; set; }

    public byte[] Pdol { get; set; } = Hex("9F0206 9F1A02 5F2A02 9A03 9C01 9F3704");

    /// <summary>Status of SELECT; 6A82 makes the final selection fail, 6283 marks the application blocked.</summary>
    public int SelectSw { get; set; } = 0x9000;

    public int GpoSw { get; set; } = 0x9000;

    public bool GpoFormat1 { get; set; }

    /// <summary>AIP: cardholder verification (10), terminal risk management (08), issuer authentication (04).</summary>
    public byte[] Aip { get; set; } = Hex("1C00");

    public byte[] Afl { get; set; } = Hex("08010100 10010100");

    /// <summary>Records by (SFI, number): each the value of template 70.</summary>
    public Dictionary<(int Sfi, int Record), byte[]> Records { get; } = [];

    /// <summary>Cryptogram type the first GENERATE AC answers (0x80 ARQC); null: what was asked.</summary>
    public int? FirstAc { get; set; } = 0x80;

    /// <summary>Cryptogram type the second GENERATE AC answers; null: what was asked.</summary>
    public int? SecondAc { get; set; }

    public int ExternalAuthenticateSw { get; set; } = 0x9000;

    public int Atc { get; set; } = 0x0012;

    public int? LastOnlineAtc { get; set; } = 0x0010;

    public static FakeApp UnionPayDebit() => WithRecords(new FakeApp(), Hex("8E0E 00000000 00000000 4203 1E03 1F03"));

    /// <summary>The usual records, with <paramref name="cvmList"/> (the 8E TLV) and <paramref name="extra"/> TLVs in record 2.</summary>
    public static FakeApp WithRecords(FakeApp app, byte[] cvmList, params byte[][] extra)
    {
        app.Records[(1, 1)] = [.. Tlv(0x57, Hex("6212345678901234D30122011234567890")), .. Tlv(0x5F20, Ascii("ZHANG/SAN"))];
        app.Records[(2, 1)] =
        [
            .. Tlv(0x5A, Hex(UnionPayPan)),
            .. Tlv(0x5F24, Hex("301231")),
            .. Tlv(0x5F25, Hex("200101")),
            .. Tlv(0x5F34, Hex("01")),
            .. Tlv(0x5F28, Hex("0156")),
            .. Tlv(0x9F07, Hex("FF00")),
            .. Tlv(0x9F08, Hex("0030")),
            .. Tlv(0x9F42, Hex("0156")),
            .. Tlv(0x8C, Hex("9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704")),
            .. Tlv(0x8D, Hex("8A02 9505 9F3704")),
            .. Tlv(0x9F0D, Hex("0000000000")),
            .. Tlv(0x9F0E, Hex("0000000000")),
            .. Tlv(0x9F0F, Hex("0000000000")),
            .. Tlv(0x9F63, Hex("30303030303030303030303030303030")),
            .. cvmList,
            .. extra.SelectMany(e => e),
        ];
        return app;
    }

    /// <summary>Record 2 without <paramref name="tag"/> (a card that misses a data object).</summary>
    public FakeApp Without(int tag)
    {
        byte[] record = Records[(2, 1)];
        var kept = new List<byte>();
        int position = 0;
        while (position < record.Length)
        {
            int next = Terminal.Core.Emv.BerTlv.ReadHeader(record, position, record.Length, out int t, out _, out _);
            if (t != tag)
            {
                kept.AddRange(record[position..next]);
            }

            position = next;
        }

        Records[(2, 1)] = [.. kept];
        return this;
    }

    public byte[] Fci() => Tlv(0x6F, Tlv(0x84, Aid), Tlv(0xA5, [
        .. Tlv(0x50, Ascii(Label)),
        .. (Priority is byte p ? Tlv(0x87, [p]) : []),
        .. (Pdol.Length > 0 ? Tlv(0x9F38, Pdol) : []),
        .. (PreferredName != null ? [.. Tlv(0x9F11, [0x01]), .. Tlv(0x9F12, Ascii(PreferredName))] : Array.Empty<byte>()),
    ]));

    public byte[] DirectoryEntry() => Tlv(0x61, [
        .. Tlv(0x4F, Aid),
        .. Tlv(0x50, Ascii(Label)),
        .. (Priority is byte p ? Tlv(0x87, [p]) : []),
    ]);
}

/// <summary>
/// A contact EMV card of the tests' own: a PSE (or none), applications, and answers to SELECT, READ RECORD, GPO,
/// GET DATA, GENERATE AC, EXTERNAL AUTHENTICATE and issuer script commands. Its cryptograms are a hash of the
/// GENERATE AC data, so a test can tell which data the card saw.
/// </summary>
internal sealed class FakeEmvApplet
{
    private FakeApp? _selected;
    private bool _pseSelected;
    private int _nextOccurrence;
    private int _generateAcCount;

    public bool HasPse { get; set; } = true;

    /// <summary>Status of SELECT 1PAY.SYS.DDF01 when there is a PSE (6A81: card blocked).</summary>
    public int PseSelectSw { get; set; } = 0x9000;

    public List<FakeApp> Apps { get; } = [];

    /// <summary>Status words of issuer script commands, by command (default 9000).</summary>
    public Func<byte[], int> ScriptSw { get; set; } = _ => 0x9000;

    /// <summary>Issuer script commands the card received.</summary>
    public List<byte[]> ScriptCommands { get; } = [];

    /// <summary>P1 of each GENERATE AC, in order.</summary>
    public List<int> GenerateAcRequests { get; } = [];

    /// <summary>The data field of each GENERATE AC, in order.</summary>
    public List<byte[]> GenerateAcData { get; } = [];

    public static FakeEmvApplet UnionPay() => new() { Apps = { FakeApp.UnionPayDebit() } };

    public static byte[] Cryptogram(byte[] data) => SHA256.HashData(data)[..8];

    public byte[] Respond(byte[] apdu)
    {
        int cla = apdu[0], ins = apdu[1], p1 = apdu[2], p2 = apdu[3];
        switch ((cla, ins))
        {
            case (0x00, 0xA4):
                return Select(apdu[5..(5 + apdu[4])], p2);
            case (0x00, 0xB2):
                return ReadRecord(p1, p2 >> 3);
            case (0x80, 0xA8):
                return Gpo();
            case (0x80, 0xCA):
                return GetData((p1 << 8) | p2);
            case (0x80, 0xAE):
                return GenerateAc(p1, apdu[5..(5 + apdu[4])]);
            case (0x00, 0x82):
                return Sw(_selected?.ExternalAuthenticateSw ?? 0x6985);
            default:
                ScriptCommands.Add(apdu);
                return Sw(ScriptSw(apdu));
        }
    }

    private static byte[] Sw(int sw) => [(byte)(sw >> 8), (byte)sw];

    private static byte[] Ok(byte[] data) => [.. data, 0x90, 0x00];

    private byte[] Select(byte[] name, int p2)
    {
        _pseSelected = false;
        if (System.Text.Encoding.ASCII.GetString(name) == "1PAY.SYS.DDF01")
        {
            if (!HasPse)
            {
                return Sw(0x6A82);
            }

            if (PseSelectSw != 0x9000)
            {
                return Sw(PseSelectSw);
            }

            _pseSelected = true;
            return Ok(Tlv(0x6F, Tlv(0x84, name), Tlv(0xA5, Tlv(0x88, [0x01]))));
        }

        var matches = Apps.Where(a => a.Aid.AsSpan().StartsWith(name)).ToList();
        _nextOccurrence = p2 == 0x02 ? _nextOccurrence + 1 : 0;
        if (_nextOccurrence >= matches.Count)
        {
            return Sw(0x6A82);
        }

        FakeApp app = matches[_nextOccurrence];
        if (app.SelectSw != 0x9000 && app.SelectSw != 0x6283)
        {
            return Sw(app.SelectSw);
        }

        _selected = app;
        _generateAcCount = 0;
        return [.. app.Fci(), (byte)(app.SelectSw >> 8), (byte)app.SelectSw];
    }

    private byte[] ReadRecord(int record, int sfi)
    {
        if (_pseSelected)
        {
            return sfi == 1 && record == 1 ? Ok(Tlv(0x70, [.. Apps.SelectMany(a => a.DirectoryEntry())])) : Sw(0x6A83);
        }

        return _selected != null && _selected.Records.TryGetValue((sfi, record), out byte[]? body) ? Ok(Tlv(0x70, body)) : Sw(0x6A83);
    }

    private byte[] Gpo()
    {
        FakeApp? app = _selected;
        if (app == null)
        {
            return Sw(0x6985);
        }

        if (app.GpoSw != 0x9000)
        {
            return Sw(app.GpoSw);
        }

        return Ok(app.GpoFormat1 ? Tlv(0x80, app.Aip, app.Afl) : Tlv(0x77, Tlv(0x82, app.Aip), Tlv(0x94, app.Afl)));
    }

    private byte[] GetData(int tag)
    {
        FakeApp? app = _selected;
        if (tag == 0x9F36 && app != null)
        {
            return Ok(Tlv(0x9F36, [(byte)(app.Atc >> 8), (byte)app.Atc]));
        }

        if (tag == 0x9F13 && app?.LastOnlineAtc is int last)
        {
            return Ok(Tlv(0x9F13, [(byte)(last >> 8), (byte)last]));
        }

        return Sw(0x6A88);
    }

    private byte[] GenerateAc(int p1, byte[] data)
    {
        FakeApp? app = _selected;
        if (app == null)
        {
            return Sw(0x6985);
        }

        GenerateAcRequests.Add(p1);
        GenerateAcData.Add(data);
        int? type = _generateAcCount++ == 0 ? app.FirstAc : app.SecondAc;
        int cid = type ?? (p1 & 0xC0);
        return Ok(Tlv(0x77,
            Tlv(0x9F27, [(byte)cid]),
            Tlv(0x9F36, [(byte)(app.Atc >> 8), (byte)app.Atc]),
            Tlv(0x9F26, Cryptogram(data)),
            Tlv(0x9F10, Hex("07010103A00000 010A010000000000ABCDEF01"))));
    }
}
