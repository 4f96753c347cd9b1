using System.Security.Cryptography;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Drivers.Simulated.Contactless;

/// <summary>One payment application on a simulated card, as its issuer personalised it.</summary>
public sealed class EmvCardApplication
{
    /// <summary>Application identifier, hex.</summary>
    public required string Aid { get; init; }

    /// <summary>Application label (tag 50).</summary>
    public required string Label { get; init; }

    /// <summary>Application priority indicator (tag 87), 1 = highest; 0 = none.</summary>
    public int Priority { get; init; }

    /// <summary>PDOL (tag 9F38) as tag/length pairs, hex; empty when the card has none.</summary>
    public string Pdol { get; init; } = "";

    /// <summary>Answer GPO in format 1 (tag 80: AIP + AFL only) rather than format 2 (template 77).</summary>
    public bool GpoFormat1 { get; init; }

    /// <summary>Whether GPO itself returns the cryptogram (qVSDC / qUICS style) or GENERATE AC does (Mastercard style).</summary>
    public bool CryptogramInGpo { get; init; } = true;

    /// <summary>CDOL1 (tag 8C) for GENERATE AC, hex.</summary>
    public string Cdol1 { get; init; } = "";

    /// <summary>Application interchange profile (tag 82), hex.</summary>
    public string Aip { get; init; } = "2000";

    /// <summary>Issuer application data (tag 9F10), hex.</summary>
    public string Iad { get; init; } = "06010A03A00000";

    /// <summary>Records by (SFI, record number); each is the whole record template (tag 70) as sent.</summary>
    public Dictionary<(int Sfi, int Record), byte[]> Records { get; init; } = [];

    /// <summary>Cryptogram information data (9F27) the card answers with: 0x80 ARQC (go online), 0x00 AAC (declined).</summary>
    public byte CryptogramInfo { get; init; } = 0x80;

    /// <summary>Fault: a status word GPO answers with instead of processing (0 = none).</summary>
    public int GpoRefusal { get; init; }

    /// <summary>Card time for GPO (more than the FWT makes the card ask for S(WTX)).</summary>
    public long GpoProcessingUs { get; init; } = 2000;

    /// <summary>Extra tags returned in the GPO template (format 2), already TLV-encoded.</summary>
    public byte[] GpoExtra { get; init; } = [];

    /// <summary>The AFL (tag 94): 4 bytes per entry (SFI&lt;&lt;3, first, last, offline-auth count).</summary>
    public byte[] Afl => [.. Records.Keys.GroupBy(k => k.Sfi).OrderBy(g => g.Key)
        .SelectMany(g => new[] { (byte)(g.Key << 3), (byte)g.Min(k => k.Record), (byte)g.Max(k => k.Record), (byte)0 })];

    /// <summary>Total length of the data a DOL asks for.</summary>
    public static int DolLength(string dolHex)
    {
        byte[] dol = Hex(dolHex);
        int total = 0;
        int i = 0;
        while (i < dol.Length)
        {
            bool more = (dol[i] & 0x1F) == 0x1F;
            i++;
            while (more && i < dol.Length)
            {
                more = (dol[i] & 0x80) != 0;
                i++;
            }

            total += dol[i];
            i++;
        }

        return total;
    }
}

/// <summary>
/// A contactless EMV card's chip behind ISO-DEP: the PPSE directory, application SELECT, GET PROCESSING
/// OPTIONS (with its PDOL), READ RECORD over the AFL and GENERATE AC. The cryptogram is an HMAC-SHA-256 of
/// the transaction data under a card key: a stand-in with the right shape, not an issuer algorithm.
/// </summary>
public sealed class ContactlessEmvCard : IApduApplication
{
    private static readonly byte[] PpseName = Ascii("2PAY.SYS.DDF01");
    private readonly byte[] _cardKey;
    private EmvCardApplication? _selected;
    private int _atc;

    /// <summary>Creates a card holding <paramref name="applications"/> (listed in this order in the PPSE).</summary>
    public ContactlessEmvCard(string name, params EmvCardApplication[] applications)
    {
        Name = name;
        Applications = applications;
        _cardKey = SHA256.HashData(Ascii("card key " + name));
        _atc = 0x0010;
    }

    /// <summary>A short name for tests and the simulator's card menu.</summary>
    public string Name { get; }

    /// <summary>The applications on the card.</summary>
    public IReadOnlyList<EmvCardApplication> Applications { get; }

    /// <summary>Whether the card answers SELECT PPSE (some cards only have the application).</summary>
    public bool HasPpse { get; init; } = true;

    /// <summary>The application transaction counter (tag 9F36) of the next GPO or GENERATE AC.</summary>
    public int Atc => _atc;

    /// <summary>Command APDUs received, for tests.</summary>
    public List<byte[]> Commands { get; } = [];

    /// <summary>The cryptogram the card would compute over <paramref name="data"/> with ATC <paramref name="atc"/>.</summary>
    public byte[] Cryptogram(byte[] data, int atc) =>
        HMACSHA256.HashData(_cardKey, (byte[])[.. data, (byte)(atc >> 8), (byte)atc]).AsSpan(0, 8).ToArray();

    /// <inheritdoc />
    public ApduAnswer Process(byte[] command)
    {
        Commands.Add(command);
        if (command.Length < 4)
        {
            return Sw(0x6700);
        }

        byte cla = command[0], ins = command[1], p1 = command[2], p2 = command[3];
        byte[] data = command.Length > 5 && command.Length >= 5 + command[4] ? command.AsSpan(5, command[4]).ToArray() : [];
        switch ((cla, ins))
        {
            case (0x00, 0xA4):
                return p1 == 0x04 ? Select(data) : Sw(0x6A86);
            case (0x80, 0xA8):
                return GetProcessingOptions(data);
            case (0x00, 0xB2):
                return ReadRecord(p1, p2);
            case (0x80, 0xAE):
                return GenerateAc(data);
            default:
                return Sw(cla is 0x00 or 0x80 ? 0x6D00 : 0x6E00);
        }
    }

    private ApduAnswer Select(byte[] name)
    {
        if (HasPpse && name.SequenceEqual(PpseName))
        {
            _selected = null;
            byte[][] entries = [.. Applications.Select(a => Tlv(0x61,
                Tlv(0x4F, Hex(a.Aid)),
                Tlv(0x50, Ascii(a.Label)),
                a.Priority > 0 ? Tlv(0x87, [(byte)a.Priority]) : []))];
            return Ok(Tlv(0x6F, Tlv(0x84, PpseName), Tlv(0xA5, Tlv(0xBF0C, entries))));
        }

        EmvCardApplication? app = Applications.FirstOrDefault(a => Hex(a.Aid).SequenceEqual(name));
        if (app == null)
        {
            return Sw(0x6A82);
        }

        _selected = app;
        return Ok(Tlv(0x6F,
            Tlv(0x84, Hex(app.Aid)),
            Tlv(0xA5,
                Tlv(0x50, Ascii(app.Label)),
                app.Priority > 0 ? Tlv(0x87, [(byte)app.Priority]) : [],
                app.Pdol.Length > 0 ? Tlv(0x9F38, Hex(app.Pdol)) : [],
                Tlv(0x5F2D, Ascii("zhen")))));
    }

    private ApduAnswer GetProcessingOptions(byte[] data)
    {
        EmvCardApplication? app = _selected;
        if (app == null)
        {
            return Sw(0x6985);
        }

        if (app.GpoRefusal != 0)
        {
            return Sw(app.GpoRefusal);
        }

        int pdolLength = app.Pdol.Length > 0 ? EmvCardApplication.DolLength(app.Pdol) : 0;
        if (data.Length < 2 || data[0] != 0x83 || data[1] != pdolLength || data.Length != 2 + pdolLength)
        {
            return Sw(0x6700);
        }

        _atc++;
        byte[] aip = Hex(app.Aip);
        if (app.GpoFormat1)
        {
            return Ok(Tlv(0x80, aip, app.Afl)) with { ProcessingUs = app.GpoProcessingUs };
        }

        byte[] pdolData = data[2..];
        byte[] template = Tlv(0x77,
            Tlv(0x82, aip),
            Tlv(0x94, app.Afl),
            Tlv(0x9F36, [(byte)(_atc >> 8), (byte)_atc]),
            app.CryptogramInGpo ? Tlv(0x9F26, Cryptogram(pdolData, _atc)) : [],
            app.CryptogramInGpo ? Tlv(0x9F27, [app.CryptogramInfo]) : [],
            app.CryptogramInGpo ? Tlv(0x9F10, Hex(app.Iad)) : [],
            app.GpoExtra);
        return Ok(template) with { ProcessingUs = app.GpoProcessingUs };
    }

    private ApduAnswer ReadRecord(byte record, byte p2)
    {
        if ((p2 & 0x07) != 0x04 || _selected == null)
        {
            return Sw(0x6A86);
        }

        return _selected.Records.TryGetValue((p2 >> 3, record), out byte[]? bytes) ? Ok(bytes) : Sw(0x6A83);
    }

    private ApduAnswer GenerateAc(byte[] data)
    {
        EmvCardApplication? app = _selected;
        if (app == null || app.Cdol1.Length == 0)
        {
            return Sw(0x6985);
        }

        if (data.Length != EmvCardApplication.DolLength(app.Cdol1))
        {
            return Sw(0x6700);
        }

        _atc++;
        return Ok(Tlv(0x77,
            Tlv(0x9F27, [app.CryptogramInfo]),
            Tlv(0x9F36, [(byte)(_atc >> 8), (byte)_atc]),
            Tlv(0x9F26, Cryptogram(data, _atc)),
            Tlv(0x9F10, Hex(app.Iad)))) with { ProcessingUs = 20_000 };
    }

    private static ApduAnswer Ok(byte[] data) => new([.. data, 0x90, 0x00]);

    private static ApduAnswer Sw(int sw) => new([(byte)(sw >> 8), (byte)sw]);
}
