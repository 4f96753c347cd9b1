using Terminal.Drivers.Simulated.Contactless;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Drivers.Simulated.ChipCards;

/// <summary>An issuer script command the card received: its instruction, the status word it answered, and whether it was applied.</summary>
/// <param name="Ins">INS byte (1E APPLICATION BLOCK, 18 APPLICATION UNBLOCK, 16 CARD BLOCK, DA PUT DATA, 24 PIN CHANGE/UNBLOCK).</param>
/// <param name="StatusWord">SW1 SW2 the card answered.</param>
public sealed record ScriptResult(byte Ins, int StatusWord)
{
    /// <summary>Whether the card applied the command (its MAC was right and the card allowed it).</summary>
    public bool Applied => StatusWord == 0x9000;
}

/// <summary>
/// A contact EMV card's payment applet (EMV Books 1 and 3 over ISO 7816-4): the PSE (SELECT 1PAY.SYS.DDF01 and
/// its directory records over SFI 1), SELECT by AID (full or partial, next occurrence), GET PROCESSING OPTIONS
/// with its PDOL, READ RECORD, GET DATA (9F36 ATC, 9F13 last online ATC, 9F17 PIN try counter, and what PUT DATA
/// wrote), VERIFY with a plaintext PIN (1234), the first GENERATE AC (ARQC, or AAC when the card refuses), EXTERNAL AUTHENTICATE and the second
/// GENERATE AC with CDOL2 (the card checks the ARPC in tag 91 and answers TC or AAC), and issuer script commands
/// (CLA 84 with a script MAC) applied and counted. Cryptograms and MACs come from <see cref="EmvIssuerCrypto"/>
/// under the card's keys derived from the issuer's master keys.
/// </summary>
public sealed class ContactEmvCard : IApduApplication
{
    private static readonly byte[] PseName = Ascii("1PAY.SYS.DDF01");
    private const int PinTryLimit = 3;
    private readonly Dictionary<int, byte[]> _putData = [];
    private ContactEmvApplication? _selected;
    private int _selectIndex = -1;
    private byte[] _lastSelectName = [];
    private int _atc;
    private Stage _stage;
    private byte[] _arqc = [];
    private byte[] _acKey = [];
    private bool _issuerAuthenticated;
    private bool _issuerAuthenticationFailed;

    /// <summary>Creates a card holding <paramref name="applications"/> (listed in this order in the PSE).</summary>
    public ContactEmvCard(string name, byte[] issuerMasterKey, byte[] issuerMacMasterKey, params ContactEmvApplication[] applications)
    {
        Name = name;
        IssuerMasterKey = issuerMasterKey;
        IssuerMacMasterKey = issuerMacMasterKey;
        Applications = applications;
        _atc = 0x0021;
    }

    private enum Stage
    {
        Idle,
        Selected,
        Processing,
        AwaitingSecondAc,
        Done,
    }

    /// <summary>A short name for tests and the simulator.</summary>
    public string Name { get; }

    /// <summary>The issuer master key for application cryptograms (the card holds only its derived key).</summary>
    public byte[] IssuerMasterKey { get; }

    /// <summary>The issuer master key for secure messaging (script MACs).</summary>
    public byte[] IssuerMacMasterKey { get; }

    /// <summary>The applications on the card.</summary>
    public IReadOnlyList<ContactEmvApplication> Applications { get; }

    /// <summary>Whether the card answers SELECT of the PSE (without it the terminal builds the candidate list from its AIDs).</summary>
    public bool HasPse { get; init; } = true;

    /// <summary>The card refuses at the first GENERATE AC: answers AAC whatever the terminal asks.</summary>
    public bool DeclinesAtFirstAc { get; set; }

    /// <summary>The card declines at the second GENERATE AC (AAC) even when the host approved and the ARPC is good.</summary>
    public bool DeclinesAtSecondAc { get; set; }

    /// <summary>Application blocked (APPLICATION BLOCK applied): SELECT answers 6283 and GPO 6985.</summary>
    public bool ApplicationBlocked { get; private set; }

    /// <summary>Card blocked (CARD BLOCK applied): every command answers 6A81.</summary>
    public bool CardBlocked { get; private set; }

    /// <summary>The PIN try counter (tag 9F17).</summary>
    public int PinTryCounter { get; private set; } = PinTryLimit;

    /// <summary>The application transaction counter (tag 9F36) of the current or last transaction.</summary>
    public int Atc => _atc;

    /// <summary>The ATC of the last transaction whose issuer authentication succeeded (tag 9F13).</summary>
    public int LastOnlineAtc { get; private set; }

    /// <summary>The ARQC of the first GENERATE AC of this transaction (empty before it).</summary>
    public byte[] LastArqc => _arqc;

    /// <summary>The data the first GENERATE AC carried (CDOL1 data), for the host simulator's check in tests.</summary>
    public byte[] LastCdol1Data { get; private set; } = [];

    /// <summary>9F27 of the last GENERATE AC answered: 0x80 ARQC, 0x40 TC, 0x00 AAC; -1 before any.</summary>
    public int LastCryptogramInfo { get; private set; } = -1;

    /// <summary>Whether the ARPC of this transaction checked (EXTERNAL AUTHENTICATE or tag 91 in CDOL2).</summary>
    public bool IssuerAuthenticated => _issuerAuthenticated;

    /// <summary>Whether an ARPC was presented and was wrong.</summary>
    public bool IssuerAuthenticationFailed => _issuerAuthenticationFailed;

    /// <summary>Issuer script commands received, in order, with their results.</summary>
    public List<ScriptResult> Scripts { get; } = [];

    /// <summary>Script commands applied (MAC right).</summary>
    public int ScriptsApplied => Scripts.Count(s => s.Applied);

    /// <summary>Script commands refused.</summary>
    public int ScriptsFailed => Scripts.Count(s => !s.Applied);

    /// <summary>Command APDUs received, for tests.</summary>
    public List<byte[]> Commands { get; } = [];

    /// <summary>The application selected now (null before SELECT).</summary>
    public ContactEmvApplication? Selected => _selected;

    /// <summary>Value a PUT DATA script wrote for <paramref name="tag"/>, or null.</summary>
    public byte[]? DataObject(int tag) => _putData.TryGetValue(tag, out byte[]? v) ? v : null;

    /// <summary>A new transaction begins (card powered again): the applet forgets its selection and session.</summary>
    public void Reset()
    {
        _selected = null;
        _selectIndex = -1;
        _stage = Stage.Idle;
        _arqc = [];
        _issuerAuthenticated = false;
        _issuerAuthenticationFailed = false;
    }

    /// <inheritdoc />
    public ApduAnswer Process(byte[] command)
    {
        Commands.Add(command);
        if (command.Length < 4)
        {
            return Sw(0x6700);
        }

        if (CardBlocked)
        {
            return Sw(0x6A81);
        }

        byte cla = command[0], ins = command[1], p1 = command[2], p2 = command[3];
        byte[] data = command.Length > 5 && command.Length >= 5 + command[4] ? command.AsSpan(5, command[4]).ToArray() : [];
        switch ((cla, ins))
        {
            case (0x00, 0xA4):
                return p1 == 0x04 ? Select(data, p2) : Sw(0x6A86);
            case (0x80, 0xA8):
                return GetProcessingOptions(data);
            case (0x00, 0xB2):
                return ReadRecord(p1, p2);
            case (0x80, 0xCA):
                return GetData((p1 << 8) | p2);
            case (0x80, 0xAE):
                return GenerateAc(p1, data);
            case (0x00, 0x82):
                return ExternalAuthenticate(data);
            case (0x00, 0x20):
                return Verify(p2, data);
            case (0x84, _):
                return Script(ins, p1, p2, data);
            default:
                return Sw(cla is 0x00 or 0x80 ? 0x6D00 : 0x6E00);
        }
    }

    private ApduAnswer Select(byte[] name, byte p2)
    {
        if (HasPse && name.SequenceEqual(PseName))
        {
            _selected = null;
            _stage = Stage.Idle;
            return Ok(Tlv(0x6F, Tlv(0x84, PseName), Tlv(0xA5, Tlv(0x88, [0x01]), Tlv(0x5F2D, Ascii("zhen")))));
        }

        // Partial selection (EMV Book 1 12.3.3): a name that starts an AID matches it; P2 02 asks for the next match.
        bool next = (p2 & 0x03) == 0x02;
        int start = next && name.SequenceEqual(_lastSelectName) ? _selectIndex + 1 : 0;
        _lastSelectName = name;
        for (int i = start; i < Applications.Count; i++)
        {
            ContactEmvApplication app = Applications[i];
            byte[] aid = app.AidBytes;
            if (name.Length > 0 && name.Length <= aid.Length && aid.AsSpan(0, name.Length).SequenceEqual(name))
            {
                _selectIndex = i;
                _selected = app;
                _stage = Stage.Selected;
                byte[] fci = Tlv(0x6F,
                    Tlv(0x84, aid),
                    Tlv(0xA5,
                        Tlv(0x50, Ascii(app.Label)),
                        app.Priority > 0 ? Tlv(0x87, [(byte)app.Priority]) : [],
                        app.Pdol.Length > 0 ? Tlv(0x9F38, Hex(app.Pdol)) : [],
                        Tlv(0x5F2D, Ascii("zhen")),
                        app.FciExtra));
                return ApplicationBlocked ? new([.. fci, 0x62, 0x83]) : Ok(fci);
            }
        }

        _selected = null;
        _stage = Stage.Idle;
        return Sw(0x6A82);
    }

    private ApduAnswer GetProcessingOptions(byte[] data)
    {
        ContactEmvApplication? app = _selected;
        if (app == null || _stage != Stage.Selected || ApplicationBlocked)
        {
            return Sw(0x6985);
        }

        int pdolLength = app.Pdol.Length > 0 ? ContactEmvApplication.DolLength(app.Pdol) : 0;
        if (data.Length < 2 || data[0] != 0x83 || data[1] != pdolLength || data.Length != 2 + pdolLength)
        {
            return Sw(0x6700);
        }

        _atc++;
        _stage = Stage.Processing;
        _acKey = EmvIssuerCrypto.SessionKey(EmvIssuerCrypto.CardKey(IssuerMasterKey, app.Pan, app.PanSequence), _atc);
        byte[] aip = Hex(app.Aip);
        return app.GpoFormat1
            ? Ok(Tlv(0x80, aip, app.Afl))
            : Ok(Tlv(0x77, Tlv(0x82, aip), Tlv(0x94, app.Afl)));
    }

    private ApduAnswer ReadRecord(byte record, byte p2)
    {
        if ((p2 & 0x07) != 0x04)
        {
            return Sw(0x6A86);
        }

        int sfi = p2 >> 3;
        if (_selected == null)
        {
            // The PSE's directory: one application per record of SFI 1.
            if (!HasPse || sfi != 1)
            {
                return Sw(0x6A82);
            }

            if (record < 1 || record > Applications.Count)
            {
                return Sw(0x6A83);
            }

            ContactEmvApplication a = Applications[record - 1];
            return Ok(Tlv(0x70, Tlv(0x61,
                Tlv(0x4F, a.AidBytes),
                Tlv(0x50, Ascii(a.Label)),
                a.Priority > 0 ? Tlv(0x87, [(byte)a.Priority]) : [])));
        }

        return _selected.Records.TryGetValue((sfi, record), out byte[]? bytes) ? Ok(bytes) : Sw(0x6A83);
    }

    private ApduAnswer GetData(int tag)
    {
        byte[]? value = tag switch
        {
            0x9F36 => [(byte)(_atc >> 8), (byte)_atc],
            0x9F13 => [(byte)(LastOnlineAtc >> 8), (byte)LastOnlineAtc],
            0x9F17 => [(byte)PinTryCounter],
            _ => DataObject(tag),
        };
        return value == null ? Sw(0x6A88) : Ok(Tlv(tag, value));
    }

    private ApduAnswer GenerateAc(byte p1, byte[] data)
    {
        ContactEmvApplication? app = _selected;
        int requested = p1 & 0xC0;
        if (app == null || requested == 0xC0)
        {
            return Sw(app == null ? 0x6985 : 0x6A86);
        }

        byte cid;
        if (_stage == Stage.Processing)
        {
            if (data.Length != ContactEmvApplication.DolLength(app.Cdol1))
            {
                return Sw(0x6700);
            }

            // An online-only card never approves offline: a TC request is answered with an ARQC.
            cid = DeclinesAtFirstAc || requested == 0x00 ? (byte)0x00 : (byte)0x80;
            LastCdol1Data = data;
            _stage = cid == 0x80 ? Stage.AwaitingSecondAc : Stage.Done;
        }
        else if (_stage == Stage.AwaitingSecondAc)
        {
            if (data.Length != ContactEmvApplication.DolLength(app.Cdol2) || requested == 0x80)
            {
                return Sw(data.Length != ContactEmvApplication.DolLength(app.Cdol2) ? 0x6700 : 0x6985);
            }

            // CDOL2 of these cards: 8A (2), 91 (10), 95 (5), 9F37 (4).
            byte[] arc = data[..2];
            byte[] issuerData = data[2..12];
            if (issuerData.Any(b => b != 0))
            {
                CheckArpc(issuerData);
            }

            bool approved = arc[0] == '0' && (arc[1] == '0' || arc[1] == '1') || (arc[0] == '1' && arc[1] == '1');
            cid = requested == 0x40 && approved && _issuerAuthenticated && !DeclinesAtSecondAc ? (byte)0x40 : (byte)0x00;
            if (_issuerAuthenticated)
            {
                LastOnlineAtc = _atc;
            }

            _stage = Stage.Done;
        }
        else
        {
            return Sw(0x6985);
        }

        byte[] cryptogram = EmvIssuerCrypto.Cryptogram(_acKey, EmvIssuerCrypto.CryptogramData(data, Hex(app.Aip), _atc));
        if (cid == 0x80)
        {
            _arqc = cryptogram;
        }

        LastCryptogramInfo = cid;
        return Ok(Tlv(0x77,
            Tlv(0x9F27, [cid]),
            Tlv(0x9F36, [(byte)(_atc >> 8), (byte)_atc]),
            Tlv(0x9F26, cryptogram),
            Tlv(0x9F10, Hex(app.Iad)))) with { ProcessingUs = 80_000 };
    }

    // Offline plaintext PIN (P2 80, ISO 9564 format 2 block): the test cards' PIN is 1234.
    private ApduAnswer Verify(byte p2, byte[] data)
    {
        if (p2 != 0x80 || data.Length != 8)
        {
            return Sw(p2 != 0x80 ? 0x6A86 : 0x6700);
        }

        if (PinTryCounter == 0)
        {
            return Sw(0x6983);
        }

        if (data.AsSpan().SequenceEqual(Hex("241234FFFFFFFFFF")))
        {
            PinTryCounter = PinTryLimit;
            return Sw(0x9000);
        }

        PinTryCounter--;
        return Sw(0x63C0 | PinTryCounter);
    }

    private ApduAnswer ExternalAuthenticate(byte[] data)
    {
        if (_stage != Stage.AwaitingSecondAc || _issuerAuthenticated || _issuerAuthenticationFailed)
        {
            return Sw(0x6985);
        }

        if (data.Length < 10 || data.Length > 16)
        {
            return Sw(0x6700);
        }

        return CheckArpc(data) ? Sw(0x9000) : Sw(0x6300);
    }

    private bool CheckArpc(byte[] issuerData)
    {
        byte[] expected = EmvIssuerCrypto.Arpc(_acKey, _arqc, issuerData[8..10]);
        bool good = _arqc.Length == 8 && expected.AsSpan().SequenceEqual(issuerData.AsSpan(0, 8));
        _issuerAuthenticated |= good;
        _issuerAuthenticationFailed |= !good;
        return good;
    }

    private ApduAnswer Script(byte ins, byte p1, byte p2, byte[] data)
    {
        int sw = ApplyScript(ins, p1, p2, data);
        Scripts.Add(new ScriptResult(ins, sw));
        return Sw(sw);
    }

    private int ApplyScript(byte ins, byte p1, byte p2, byte[] data)
    {
        ContactEmvApplication? app = _selected;
        if (app == null || _arqc.Length != 8)
        {
            return 0x6985;
        }

        if (data.Length < 4)
        {
            return 0x6700;
        }

        byte[] body = data[..^4];
        byte[] macKey = EmvIssuerCrypto.SessionKey(EmvIssuerCrypto.CardKey(IssuerMacMasterKey, app.Pan, app.PanSequence), _atc);
        byte[] mac = EmvIssuerCrypto.ScriptMac(macKey, [0x84, ins, p1, p2], body, _atc, _arqc);
        if (!mac.AsSpan().SequenceEqual(data.AsSpan(data.Length - 4)))
        {
            return 0x6988;
        }

        switch (ins)
        {
            case 0x1E:
                ApplicationBlocked = true;
                return 0x9000;
            case 0x18:
                ApplicationBlocked = false;
                return 0x9000;
            case 0x16:
                CardBlocked = true;
                return 0x9000;
            case 0xDA:
                _putData[(p1 << 8) | p2] = body;
                return 0x9000;
            case 0x24:
                // PIN CHANGE/UNBLOCK: P2 00 unblocks (try counter back to its limit); 01/02 also carry a new PIN.
                if (p2 > 0x02)
                {
                    return 0x6A86;
                }

                PinTryCounter = PinTryLimit;
                return 0x9000;
            default:
                return 0x6D00;
        }
    }

    private static ApduAnswer Ok(byte[] data) => new([.. data, 0x90, 0x00]);

    private static ApduAnswer Sw(int sw) => new([(byte)(sw >> 8), (byte)sw]);
}
