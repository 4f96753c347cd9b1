using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Drivers.Simulated.ChipCards;

/// <summary>One payment application on a simulated contact chip card, as its issuer personalised it.</summary>
public sealed class ContactEmvApplication
{
    /// <summary>Application identifier, hex.</summary>
    public required string Aid { get; init; }

    /// <summary>Application label (tag 50).</summary>
    public required string Label { get; init; }

    /// <summary>Application priority indicator (tag 87): bits 4-1 the priority (1 highest), bit 8 "cardholder must confirm"; 0 = none.</summary>
    public int Priority { get; init; }

    /// <summary>Primary account number (tag 5A), digits.</summary>
    public required string Pan { get; init; }

    /// <summary>PAN sequence number (tag 5F34).</summary>
    public int PanSequence { get; init; }

    /// <summary>PDOL (tag 9F38) as tag/length pairs, hex; empty when the card has none.</summary>
    public string Pdol { get; init; } = "";

    /// <summary>CDOL1 (tag 8C), hex: the data the first GENERATE AC carries.</summary>
    public string Cdol1 { get; init; } = ContactEmvTestCards.Cdol1;

    /// <summary>CDOL2 (tag 8D), hex: the data the second GENERATE AC carries (ARC, issuer authentication data, TVR, UN).</summary>
    public string Cdol2 { get; init; } = ContactEmvTestCards.Cdol2;

    /// <summary>Application interchange profile (tag 82), hex.</summary>
    public string Aip { get; init; } = "1800";

    /// <summary>Issuer application data (tag 9F10), hex; its inner length bytes match what follows.</summary>
    public required string Iad { get; init; }

    /// <summary>Answer GPO in format 1 (tag 80: AIP + AFL) rather than format 2 (template 77).</summary>
    public bool GpoFormat1 { get; init; }

    /// <summary>Records by (SFI, record number); each is the whole record template (tag 70) as sent.</summary>
    public Dictionary<(int Sfi, int Record), byte[]> Records { get; init; } = [];

    /// <summary>Tags of the FCI proprietary template besides label, priority and PDOL (already TLV-encoded).</summary>
    public byte[] FciExtra { get; init; } = [];

    /// <summary>The AFL (tag 94): 4 bytes per SFI (SFI&lt;&lt;3, first, last, records for offline authentication: 0).</summary>
    public byte[] Afl => [.. Records.Keys.GroupBy(k => k.Sfi).OrderBy(g => g.Key)
        .SelectMany(g => new[] { (byte)(g.Key << 3), (byte)g.Min(k => k.Record), (byte)g.Max(k => k.Record), (byte)0 })];

    /// <summary>The AID as bytes.</summary>
    public byte[] AidBytes => Hex(Aid);

    /// <summary>Total length of the data a DOL asks for.</summary>
    public static int DolLength(string dolHex) => Contactless.EmvCardApplication.DolLength(dolHex);
}
