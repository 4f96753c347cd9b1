using Terminal.Drivers.Simulated.ChipCards;

namespace AcquirerHost.Processing;

/// <summary>
/// The issuer's side of a chip (IC card) request as the host simulator plays it for the simulated test cards:
/// field 55 read as BER-TLV, the ARQC (9F26) recomputed with the test issuer's master key over the cards' CDOL1
/// data, the AIP and the ATC (<see cref="EmvIssuerCrypto"/>), and the answer's field 55: 91 (ARPC method 1 || ARC)
/// and, when a rule asks for them, issuer scripts in templates 71 and 72. Nothing here is ever logged but the verdict.
/// </summary>
public static class IssuerChip
{
    /// <summary>Issuer script template run before the second GENERATE AC.</summary>
    public const int TemplateBefore = 0x71;

    /// <summary>Issuer script template run after the second GENERATE AC.</summary>
    public const int TemplateAfter = 0x72;

    /// <summary>The tag a script's PUT DATA writes (9F58, lower consecutive offline limit; harmless on an online-only terminal).</summary>
    public const int ScriptPutDataTag = 0x9F58;

    /// <summary>
    /// The data objects of <paramref name="data"/> (BER-TLV, primitive and constructed alike, constructed ones not
    /// entered), or null when it is not well-formed (a length running past the end, a tag cut short).
    /// </summary>
    public static Dictionary<int, byte[]>? Parse(ReadOnlySpan<byte> data)
    {
        var tags = new Dictionary<int, byte[]>();
        int p = 0;
        while (p < data.Length)
        {
            if (data[p] is 0x00 or 0xFF)
            {
                p++; // padding between objects
                continue;
            }

            int tag = data[p++];
            if ((tag & 0x1F) == 0x1F)
            {
                do
                {
                    if (p >= data.Length)
                    {
                        return null;
                    }

                    tag = (tag << 8) | data[p];
                }
                while ((data[p++] & 0x80) != 0 && tag <= 0xFFFFFF);
            }

            if (p >= data.Length)
            {
                return null;
            }

            int length = data[p++];
            if (length > 0x80)
            {
                int n = length & 0x7F;
                if (n > 2 || p + n > data.Length)
                {
                    return null;
                }

                length = 0;
                for (int i = 0; i < n; i++)
                {
                    length = (length << 8) | data[p++];
                }
            }
            else if (length == 0x80)
            {
                return null;
            }

            if (p + length > data.Length)
            {
                return null;
            }

            tags[tag] = data.Slice(p, length).ToArray();
            p += length;
        }

        return tags;
    }

    /// <summary>
    /// Whether the ARQC in <paramref name="tags"/> is the one the test card with <paramref name="pan"/> and
    /// <paramref name="panSequence"/> computes; <paramref name="why"/> says what is missing or wrong.
    /// </summary>
    public static bool ArqcValid(Dictionary<int, byte[]> tags, string pan, int panSequence, out string why)
    {
        if (!tags.TryGetValue(0x9F26, out byte[]? arqc) || arqc.Length != 8)
        {
            why = "no ARQC (9F26)";
            return false;
        }

        if (!tags.TryGetValue(0x9F27, out byte[]? cid) || cid.Length != 1 || (cid[0] & 0xC0) != 0x80)
        {
            why = "cryptogram information (9F27) is not an ARQC";
            return false;
        }

        if (!tags.TryGetValue(0x9F36, out byte[]? atcBytes) || atcBytes.Length != 2 || !tags.TryGetValue(0x82, out byte[]? aip) || aip.Length != 2)
        {
            why = "no ATC (9F36) or AIP (82)";
            return false;
        }

        byte[]? cdol = CdolData(tags);
        if (cdol == null)
        {
            why = "CDOL1 data incomplete";
            return false;
        }

        int atc = (atcBytes[0] << 8) | atcBytes[1];
        byte[] expected = EmvIssuerCrypto.Arqc(ContactEmvTestCards.IssuerMasterKey, pan, panSequence, atc, cdol, aip);
        if (!expected.AsSpan().SequenceEqual(arqc))
        {
            why = "ARQC check failed";
            return false;
        }

        why = string.Empty;
        return true;
    }

    /// <summary>
    /// The answer's field 55: 91 (ARPC || ARC, ARC the response code in ASCII), then <paramref name="scriptTemplate"/>
    /// (71 or 72; 0 for none) with one PUT DATA script command MACed for the card. Empty when the request carried no
    /// ARQC to answer.
    /// </summary>
    public static byte[] Answer(Dictionary<int, byte[]> tags, string pan, int panSequence, string responseCode, int scriptTemplate, int scriptId)
    {
        if (!tags.TryGetValue(0x9F26, out byte[]? arqc) || arqc.Length != 8 || !tags.TryGetValue(0x9F36, out byte[]? atcBytes) || atcBytes.Length != 2)
        {
            return [];
        }

        int atc = (atcBytes[0] << 8) | atcBytes[1];
        byte[] arc = [(byte)responseCode[0], (byte)responseCode[1]];
        var answer = new List<byte>();
        answer.AddRange(Tlv(0x91, EmvIssuerCrypto.IssuerAuthenticationData(ContactEmvTestCards.IssuerMasterKey, pan, panSequence, atc, arqc, arc)));
        if (scriptTemplate is TemplateBefore or TemplateAfter)
        {
            byte[] command = EmvIssuerCrypto.ScriptCommand(ContactEmvTestCards.IssuerMacMasterKey, pan, panSequence, atc, arqc,
                0xDA, ScriptPutDataTag >> 8, ScriptPutDataTag & 0xFF, [0x05]);
            byte[] id = [(byte)(scriptId >> 24), (byte)(scriptId >> 16), (byte)(scriptId >> 8), (byte)scriptId];
            answer.AddRange(Tlv(scriptTemplate, [.. Tlv(0x9F18, id), .. Tlv(0x86, command)]));
        }

        return [.. answer];
    }

    /// <summary>
    /// The script results of a notification's DF31: one 5-byte result per script (result nibble and sequence,
    /// then the script identifier), as "id:result" pairs; null when DF31 is absent or not a multiple of 5 bytes.
    /// </summary>
    public static string? ScriptResults(Dictionary<int, byte[]> tags)
    {
        if (!tags.TryGetValue(0xDF31, out byte[]? results) || results.Length == 0 || results.Length % 5 != 0)
        {
            return null;
        }

        var parts = new List<string>();
        for (int i = 0; i < results.Length; i += 5)
        {
            int id = (results[i + 1] << 24) | (results[i + 2] << 16) | (results[i + 3] << 8) | results[i + 4];
            parts.Add($"{id:X8}:{results[i] >> 4}");
        }

        return string.Join(',', parts);
    }

    // The CDOL1 data the test cards ask for, rebuilt from the request's tags in the CDOL's order (9F03 may be absent: zeros).
    private static byte[]? CdolData(Dictionary<int, byte[]> tags)
    {
        var data = new List<byte>();
        foreach (string entry in ContactEmvTestCards.Cdol1.Split(' '))
        {
            int tag = Convert.ToInt32(entry[..^2], 16);
            int length = Convert.ToInt32(entry[^2..], 16);
            if (!tags.TryGetValue(tag, out byte[]? value))
            {
                if (tag != 0x9F03)
                {
                    return null;
                }

                value = new byte[length];
            }

            if (value.Length != length)
            {
                return null;
            }

            data.AddRange(value);
        }

        return [.. data];
    }

    private static byte[] Tlv(int tag, byte[] value)
    {
        var tlv = new List<byte>();
        if (tag > 0xFF)
        {
            tlv.Add((byte)(tag >> 8));
        }

        tlv.Add((byte)tag);
        if (value.Length > 0x7F)
        {
            tlv.Add(0x81);
        }

        tlv.Add((byte)value.Length);
        tlv.AddRange(value);
        return [.. tlv];
    }
}
