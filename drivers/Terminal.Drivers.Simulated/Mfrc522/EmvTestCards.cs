using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Drivers.Simulated.Contactless;

/// <summary>
/// Simulated contactless test cards with made-up (Luhn-valid, test-range) numbers: a Visa-like, a
/// Mastercard-like and a UnionPay-like card, a dual-brand card, a card with malformed records, a card
/// whose PAN is longer than any PAN and a slow card that needs S(WTX). None of these numbers belong to a
/// real account.
/// </summary>
public static class EmvTestCards
{
    /// <summary>The PDOL of qVSDC/qUICS-style cards: TTQ, amounts, country, TVR, currency, date, type, UN.</summary>
    public const string QuickPdol = "9F6604 9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704";

    /// <summary>The CDOL1 of the Mastercard-like card.</summary>
    public const string McCdol1 = "9F0206 9F0306 9F1A02 9505 5F2A02 9A03 9C01 9F3704";

    /// <summary>Visa-like test PAN.</summary>
    public static readonly string VisaPan = WithLuhn("476173900101001");

    /// <summary>Mastercard-like test PAN.</summary>
    public static readonly string MastercardPan = WithLuhn("541333008901001");

    /// <summary>UnionPay-like test PAN (19 digits).</summary>
    public static readonly string UnionPayPan = WithLuhn("621234567890123456");

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static readonly string[] Names = ["visa", "mastercard", "unionpay", "dual", "malformed", "overlong-pan", "slow"];

    /// <summary>A card by name (see <see cref="Names"/>).</summary>
    public static ContactlessEmvCard Create(string name) => name switch
    {
        "visa" => Visa(),
        "mastercard" => Mastercard(),
        "unionpay" => UnionPay(),
        "dual" => DualBrand(),
        "malformed" => MalformedRecords(),
        "overlong-pan" => OverlongPan(),
        "slow" => SlowVisa(),
        _ => throw new ArgumentException("unknown test card: " + name, nameof(name)),
    };

    /// <summary>A card placed on a fresh ISO 14443-4 carrier with a UID (7-byte when <paramref name="doubleUid"/>).</summary>
    public static Iso14443Card OnCarrier(ContactlessEmvCard card, bool doubleUid = false, int fwi = 7) =>
        new(doubleUid ? Hex("04A1B2C3D4E5F6") : Hex("5A3C9E12"), card, fsci: 8, fwi: fwi);

    /// <summary>Visa-like: qVSDC flow, cryptogram in the GPO answer, track 2 in record 1 of SFI 1.</summary>
    public static ContactlessEmvCard Visa() => new("visa", VisaApp(VisaPan, 1, 2000));

    /// <summary>Visa-like card that needs 150 ms for GPO, more than its FWT: it asks for S(WTX).</summary>
    public static ContactlessEmvCard SlowVisa() => new("slow", VisaApp(VisaPan, 1, 150_000));

    /// <summary>Mastercard-like: empty PDOL, GPO format 1, cryptogram from GENERATE AC with CDOL1.</summary>
    public static ContactlessEmvCard Mastercard() => new("mastercard", new EmvCardApplication
    {
        Aid = "A0000000041010",
        Label = "MASTERCARD",
        Priority = 1,
        GpoFormat1 = true,
        CryptogramInGpo = false,
        Cdol1 = McCdol1,
        Aip = "1980",
        Iad = "0110A00000000000000000000000000000FF",
        Records = new()
        {
            [(1, 1)] = Tlv(0x70, Tlv(0x57, Track2(MastercardPan, "3012", "201")), Tlv(0x5F20, Ascii("TEST/MASTERCARD"))),
            [(2, 1)] = Tlv(0x70,
                Tlv(0x5A, PackedDigits(MastercardPan)),
                Tlv(0x5F24, Hex("301231")),
                Tlv(0x5F25, Hex("240101")),
                Tlv(0x5F34, [0x00]),
                Tlv(0x8C, Hex(McCdol1)),
                Tlv(0x8D, Hex("910A8A0295059F37049F4C08"))),
        },
    });

    /// <summary>UnionPay-like: qUICS flow with a 19-digit PAN.</summary>
    public static ContactlessEmvCard UnionPay() => new("unionpay", UnionPayApp(1));

    /// <summary>A card with UnionPay (priority 1) listed after Visa (priority 2): the reader must pick UnionPay.</summary>
    public static ContactlessEmvCard DualBrand() => new("dual", VisaApp(VisaPan, 2, 2000), UnionPayApp(1));

    /// <summary>A Visa-like card whose second record claims more bytes than it has.</summary>
    public static ContactlessEmvCard MalformedRecords()
    {
        EmvCardApplication good = VisaApp(VisaPan, 1, 2000);
        var records = new Dictionary<(int, int), byte[]>(good.Records)
        {
            [(1, 2)] = Hex("70 14 5A 08 47 61 73 90 01 01 00 10 5F 24 03 30"), // 0x14 bytes announced, 14 sent
        };
        return new("malformed", new EmvCardApplication
        {
            Aid = good.Aid,
            Label = good.Label,
            Priority = good.Priority,
            Pdol = good.Pdol,
            Records = records,
        });
    }

    /// <summary>
    /// A Visa-like card whose one record is well-formed BER-TLV but gives a 24-digit PAN (5A of 12 bytes) beside a
    /// good track 2: the record of issue 16, which once overran the 19-byte PAN buffer.
    /// </summary>
    public static ContactlessEmvCard OverlongPan()
    {
        EmvCardApplication good = VisaApp(VisaPan, 1, 2000);
        return new("overlong-pan", new EmvCardApplication
        {
            Aid = good.Aid,
            Label = good.Label,
            Priority = good.Priority,
            Pdol = good.Pdol,
            GpoExtra = good.GpoExtra,
            Records = new()
            {
                [(1, 1)] = Hex("70 29 57 13 4761739001010010D30122010000000000000F 5A 0C 476173900101001047617390 5F24 03 301231"),
            },
        });
    }

    /// <summary>Track 2 equivalent data (tag 57): PAN, separator D, YYMM, service code, discretionary data, F padding.</summary>
    public static byte[] Track2(string pan, string yymm, string serviceCode) =>
        PackedDigits(pan + "D" + yymm + serviceCode + "00000000000");

    private static EmvCardApplication VisaApp(string pan, int priority, long gpoUs) => new()
    {
        Aid = "A0000000031010",
        Label = "VISA CREDIT",
        Priority = priority,
        Pdol = QuickPdol,
        GpoProcessingUs = gpoUs,
        GpoExtra = Tlv(0x5F34, [0x01]),
        Records = new()
        {
            // Record 1 is longer than one 64-byte frame, so the card must chain its answer.
            [(1, 1)] = Tlv(0x70,
                Tlv(0x57, Track2(pan, "3012", "201")),
                Tlv(0x5F20, Ascii("TEST/VISA CARDHOLDER")),
                Tlv(0x9F1F, Ascii("303030303030303030303030303030303030"))),
            [(1, 2)] = Tlv(0x70,
                Tlv(0x5A, PackedDigits(pan)),
                Tlv(0x5F24, Hex("301231")),
                Tlv(0x5F28, Hex("0156")),
                Tlv(0x9F07, Hex("FF00"))),
        },
    };

    private static EmvCardApplication UnionPayApp(int priority) => new()
    {
        Aid = "A000000333010101",
        Label = "UnionPay Debit",
        Priority = priority,
        Pdol = QuickPdol,
        Iad = "07010103A00000010A01000000000000000000", // 07 + 7 bytes, 0A + 10 bytes (PBOC layout)
        GpoExtra = Tlv(0x57, Track2(UnionPayPan, "3106", "220")),
        Records = new()
        {
            [(1, 1)] = Tlv(0x70,
                Tlv(0x5A, PackedDigits(UnionPayPan)),
                Tlv(0x5F24, Hex("310630")),
                Tlv(0x5F34, [0x01]),
                Tlv(0x9F08, Hex("0030"))),
        },
    };

    private static string WithLuhn(string digits) => digits + LuhnDigit(digits);
}
