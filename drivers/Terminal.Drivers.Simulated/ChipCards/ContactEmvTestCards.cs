using Terminal.Drivers.Simulated.Contact;
using Terminal.Drivers.Simulated.Contactless;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Drivers.Simulated.ChipCards;

/// <summary>
/// Simulated contact EMV test cards with made-up (Luhn-valid) numbers and the issuer's test keys: UnionPay debit
/// (A000000333010101, T=0) and credit (A000000333010102, T=1), a Visa (A0000000031010, T=1), a UnionPay card with
/// both applications that needs the cardholder to choose, a card that refuses at the first GENERATE AC, one that
/// declines at the second even when the host approved, and one pulled out mid-transaction. Each card's data is
/// well-formed BER-TLV (9F10 inner lengths match), its track 2 equivalent carries a chip service code (2xx or 6xx),
/// and <see cref="MagstripeTrack2"/> gives the stripe on the back of the same card. None of these numbers or keys
/// belong to a real account or issuer.
/// </summary>
public static class ContactEmvTestCards
{
    /// <summary>CDOL1 of the test cards: amount, other amount, country, TVR, currency, date, type, unpredictable number (29 bytes).</summary>
    public const string Cdol1 = "9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704";

    /// <summary>CDOL2 of the test cards: ARC (8A), issuer authentication data (91, ARPC || ARC), TVR, unpredictable number (21 bytes).</summary>
    public const string Cdol2 = "8A02 910A 9505 9F3704";

    /// <summary>PDOL of the UnionPay cards: amount, country, currency, date, type.</summary>
    public const string UnionPayPdol = "9F0206 9F1A02 5F2A02 9A03 9C01";

    /// <summary>AID of UnionPay debit.</summary>
    public const string UnionPayDebitAid = "A000000333010101";

    /// <summary>AID of UnionPay credit.</summary>
    public const string UnionPayCreditAid = "A000000333010102";

    /// <summary>AID of Visa credit/debit.</summary>
    public const string VisaAid = "A0000000031010";

    /// <summary>The test issuer's master key for application cryptograms (IMK-AC), double-length TDES.</summary>
    public static readonly byte[] IssuerMasterKey = Hex("0123456789ABCDEFFEDCBA9876543210");

    /// <summary>The test issuer's master key for secure messaging integrity (IMK-SMI): script MACs.</summary>
    public static readonly byte[] IssuerMacMasterKey = Hex("89ABCDEF0123456776543210FEDCBA98");

    /// <summary>UnionPay debit test PAN (19 digits, the contactless UnionPay card's number).</summary>
    public static readonly string UnionPayDebitPan = EmvTestCards.UnionPayPan;

    /// <summary>UnionPay credit test PAN (16 digits).</summary>
    public static readonly string UnionPayCreditPan = WithLuhn("625094600000001");

    /// <summary>Visa test PAN (the contactless Visa card's number).</summary>
    public static readonly string VisaPan = EmvTestCards.VisaPan;

    /// <summary>Names accepted by <see cref="Create"/> and <see cref="Applet"/>.</summary>
    public static readonly string[] Names = ["unionpay-debit", "unionpay-credit", "visa-chip", "unionpay-dual", "unionpay-refuses", "unionpay-declines", "unionpay-pulled"];

    /// <summary>Whether <paramref name="name"/> is a contact test card.</summary>
    public static bool IsName(string name) => Array.IndexOf(Names, name) >= 0;

    /// <summary>
    /// The card with its chip as it goes into the slot: the ATR and transmission protocol of its chip (T=0 for
    /// UnionPay debit and the dual card, T=1 for UnionPay credit and Visa) and the payment applet behind it.
    /// </summary>
    public static Iso7816Card Create(string name)
    {
        ContactEmvCard applet = Applet(name);
        bool t1 = name is "unionpay-credit" or "visa-chip";
        var card = new Iso7816Card(t1 ? T1Atr : T0Atr, applet);
        if (name == "unionpay-pulled")
        {
            // The cardholder pulls the card out while it computes the first GENERATE AC (its seventh command).
            card.PullAtCommand = 7;
        }

        return card;
    }

    /// <summary>The payment applet of a test card by name (see <see cref="Names"/>).</summary>
    public static ContactEmvCard Applet(string name) => name switch
    {
        "unionpay-debit" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayDebit(1)),
        "unionpay-credit" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayCredit(1)),
        "visa-chip" => new(name, IssuerMasterKey, IssuerMacMasterKey, Visa()),
        "unionpay-dual" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayDebit(0x81), UnionPayCredit(0x82)),
        "unionpay-refuses" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayDebit(1)) { DeclinesAtFirstAc = true },
        "unionpay-declines" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayDebit(1)) { DeclinesAtSecondAc = true },
        "unionpay-pulled" => new(name, IssuerMasterKey, IssuerMacMasterKey, UnionPayDebit(1)),
        _ => throw new ArgumentException("unknown contact test card: " + name, nameof(name)),
    };

    /// <summary>
    /// Track 2 on the magnetic stripe of the same card (digits and '=', no sentinels): the chip card's PAN and
    /// expiry with its chip service code (220 UnionPay debit, 620 UnionPay credit, 201 Visa), so a swipe of it
    /// meets the chip-first rule.
    /// </summary>
    public static string MagstripeTrack2(string name) => name switch
    {
        "unionpay-credit" => UnionPayCreditPan + "=3109620" + "0000000000",
        "visa-chip" => VisaPan + "=3012201" + "0000000000",
        _ when IsName(name) => UnionPayDebitPan + "=3106220" + "0000000000",
        _ => throw new ArgumentException("unknown contact test card: " + name, nameof(name)),
    };

    /// <summary>ATR of the T=0 cards: TS 3B (direct), T0 68 (TB1, TC1, 8 historical bytes), TB1 00, TC1 00.</summary>
    public static byte[] T0Atr => Hex("3B 68 00 00 80 31 80 65 B0 83 01 02");

    /// <summary>
    /// ATR of the T=1 cards (the EMV basic ATR for T=1): TS 3B, T0 E8, TB1 00, TC1 00, TD1 81 (TD2 follows, T=1),
    /// TD2 31 (TA3, TB3; T=1), TA3 FE (IFSC 254), TB3 45 (BWI 4, CWI 5), 8 historical bytes, TCK.
    /// </summary>
    public static byte[] T1Atr => Iso7816Card.WithTck(Hex("3B E8 00 00 81 31 FE 45 80 31 80 65 B0 83 01 02"));

    /// <summary>Track 2 equivalent data (tag 57): PAN, separator D, YYMM, service code, discretionary data, F padding.</summary>
    public static byte[] Track2Equivalent(string pan, string yymm, string serviceCode) =>
        PackedDigits(pan + "D" + yymm + serviceCode + "00000000000");

    private static ContactEmvApplication UnionPayDebit(int priority) => UnionPay(
        UnionPayDebitAid, "UnionPay Debit", priority, UnionPayDebitPan, "3106", "310630", "220");

    private static ContactEmvApplication UnionPayCredit(int priority) => UnionPay(
        UnionPayCreditAid, "UnionPay Credit", priority, UnionPayCreditPan, "3109", "310930", "620");

    // PBOC 3.0 / UICS issuer application data: 07 (length), DKI, CVN, CVR (4), algorithm id; 0A (length), 10 bytes of issuer discretionary data.
    private const string UicsIad = "07 01 01 03 A0 00 00 01 0A 01 00 00 00 00 00 00 00 00 00";

    private static ContactEmvApplication UnionPay(string aid, string label, int priority, string pan, string yymm, string expiry, string serviceCode) => new()
    {
        Aid = aid,
        Label = label,
        Priority = priority,
        Pan = pan,
        PanSequence = 1,
        Pdol = UnionPayPdol,
        Aip = "7C00",
        Iad = UicsIad,
        Records = new()
        {
            [(1, 1)] = Tlv(0x70,
                Tlv(0x57, Track2Equivalent(pan, yymm, serviceCode)),
                Tlv(0x5F20, Ascii("TEST/UNIONPAY")),
                Tlv(0x9F1F, Ascii("000000000000"))),
            [(2, 1)] = Tlv(0x70,
                Tlv(0x5A, PackedDigits(pan)),
                Tlv(0x5F24, Hex(expiry)),
                Tlv(0x5F25, Hex("210701")),
                Tlv(0x5F34, [0x01]),
                Tlv(0x5F28, Hex("0156")),
                Tlv(0x9F07, Hex("FF00")),
                Tlv(0x9F08, Hex("0030")),
                Tlv(0x9F42, Hex("0156"))),
            [(2, 2)] = Tlv(0x70,
                // CVM list: X = Y = 0; online PIN always (next rule if it fails), signature if supported, no CVM if supported.
                Tlv(0x8E, Hex("00000000 00000000 4200 1E03 1F03")),
                Tlv(0x8C, Hex(Cdol1)),
                Tlv(0x8D, Hex(Cdol2)),
                Tlv(0x9F0D, Hex("D84004A800")),
                Tlv(0x9F0E, Hex("0010000000")),
                Tlv(0x9F0F, Hex("D84004F800"))),
        },
    };

    // Visa CVN 10 issuer application data: 06 (length), DKI, CVN 0A, CVR (4: length 03 and three bytes).
    private static ContactEmvApplication Visa() => new()
    {
        Aid = VisaAid,
        Label = "VISA CREDIT",
        Priority = 1,
        Pan = VisaPan,
        PanSequence = 1,
        Aip = "5C00",
        Iad = "06 01 0A 03 A0 00 00",
        GpoFormat1 = true,
        Records = new()
        {
            [(1, 1)] = Tlv(0x70,
                Tlv(0x57, Track2Equivalent(VisaPan, "3012", "201")),
                Tlv(0x5F20, Ascii("TEST/VISA CARDHOLDER")),
                Tlv(0x9F1F, Ascii("000000000000000000"))),
            [(1, 2)] = Tlv(0x70,
                Tlv(0x5A, PackedDigits(VisaPan)),
                Tlv(0x5F24, Hex("301231")),
                Tlv(0x5F25, Hex("230101")),
                Tlv(0x5F34, [0x01]),
                Tlv(0x5F28, Hex("0840")),
                Tlv(0x9F07, Hex("FF00")),
                Tlv(0x9F08, Hex("008C")),
                // Online PIN if the terminal supports it, else signature, else no CVM.
                Tlv(0x8E, Hex("00000000 00000000 4203 1E03 1F03")),
                Tlv(0x8C, Hex(Cdol1)),
                Tlv(0x8D, Hex(Cdol2))),
        },
    };

    private static string WithLuhn(string digits) => digits + LuhnDigit(digits);
}
