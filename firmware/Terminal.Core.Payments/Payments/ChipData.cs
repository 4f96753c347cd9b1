using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>Cryptogram information data (9F27) bits 8-7: the kind of cryptogram a GENERATE AC returned.</summary>
    public static class CryptogramKind
    {
        /// <summary>No cryptogram yet (not a wire value).</summary>
        public const int None = -1;
        /// <summary>Application authentication cryptogram: the card declines.</summary>
        public const int Aac = 0x00;
        /// <summary>Transaction certificate: the card approves.</summary>
        public const int Tc = 0x40;
        /// <summary>Authorization request cryptogram: the card asks the issuer.</summary>
        public const int Arqc = 0x80;

        /// <summary>The kind of a 9F27 byte (its top two bits), or <see cref="None"/> for a negative value.</summary>
        public static int Of(int cid) => cid < 0 ? None : cid & 0xC0;

        /// <summary>Short name for receipts and reports: TC, ARQC, AAC (the same in both languages, as on CUP slips).</summary>
        public static string Name(int cid)
        {
            switch (Of(cid))
            {
                case Aac: return "AAC";
                case Tc: return "TC";
                case Arqc: return "ARQC";
                default: return string.Empty;
            }
        }
    }

    /// <summary>
    /// What a chip card (inserted or tapped) left on a transaction that the slip, the reports and the host's later
    /// messages (reversal, TC upload, batch upload) need: application, card sequence number, TVR, TSI, ATC, the
    /// cryptograms and the card's answer at completion. None of it is sensitive: no PAN (the entry keeps only the
    /// masked one), no track 2 equivalent (57), no PIN data, no key. Journaled in two parts: the first GENERATE AC's
    /// data with the request (<see cref="EncodeRequestPart"/>), the second's in a ChipResult record.
    /// </summary>
    public sealed class ChipData
    {
        /// <summary>Longest AID (4F/84): 16 bytes.</summary>
        public const int MaxAid = 16;
        /// <summary>Longest application label (50) or preferred name (9F12): 16 characters.</summary>
        public const int MaxLabel = 16;
        /// <summary>Longest issuer application data (9F10): 32 bytes.</summary>
        public const int MaxIad = 32;
        /// <summary>Issuer script results kept (DF31, 5 bytes per script): 4 scripts.</summary>
        public const int MaxScriptResults = 20;
        /// <summary>Largest <see cref="EncodeRequestPart"/>.</summary>
        public const int MaxEncodedRequestPart = (1 + MaxAid) + (1 + MaxLabel) + 1 + 2 + 3 + 5 + 2 + 2 + 4 + (1 + MaxIad) + 8;
        /// <summary>No card sequence number (5F34 absent).</summary>
        public const int NoSequence = -1;

        /// <summary>AID of the application used (4F or 84); <see cref="AidLength"/> bytes.</summary>
        public readonly byte[] Aid = new byte[MaxAid];
        /// <summary>Bytes of <see cref="Aid"/> in use.</summary>
        public int AidLength;
        /// <summary>Application preferred name (9F12) where printable, else the application label (50); ASCII.</summary>
        public string Label = string.Empty;
        /// <summary>Application PAN sequence number (5F34), 0..99, or <see cref="NoSequence"/>.</summary>
        public int PanSequence = NoSequence;
        /// <summary>Application interchange profile (82), 2 bytes.</summary>
        public int Aip;
        /// <summary>CVM results (9F34), 3 bytes.</summary>
        public int CvmResults;
        /// <summary>Terminal verification results (95), 5 bytes: as sent online, then as at completion.</summary>
        public readonly byte[] Tvr = new byte[5];
        /// <summary>Transaction status information (9B), 2 bytes: as sent online, then as at completion.</summary>
        public int Tsi;
        /// <summary>Application transaction counter (9F36).</summary>
        public int Atc;
        /// <summary>Unpredictable number (9F37) the cryptograms were computed over.</summary>
        public readonly byte[] UnpredictableNumber = new byte[4];
        /// <summary>Issuer application data (9F10); <see cref="IadLength"/> bytes.</summary>
        public readonly byte[] Iad = new byte[MaxIad];
        /// <summary>Bytes of <see cref="Iad"/> in use.</summary>
        public int IadLength;
        /// <summary>The first GENERATE AC's cryptogram (9F26), the ARQC sent in F55.</summary>
        public readonly byte[] Arqc = new byte[8];
        /// <summary>9F27 of the second GENERATE AC (<see cref="CryptogramKind"/>), or <see cref="CryptogramKind.None"/> before it.</summary>
        public int FinalCid = CryptogramKind.None;
        /// <summary>The second GENERATE AC's cryptogram (9F26): the TC, or the AAC when the card declined.</summary>
        public readonly byte[] FinalCryptogram = new byte[8];
        /// <summary>Issuer script results (DF31: per script a result byte and the 4-byte script ID); <see cref="ScriptResultsLength"/> bytes.</summary>
        public readonly byte[] ScriptResults = new byte[MaxScriptResults];
        /// <summary>Bytes of <see cref="ScriptResults"/> in use.</summary>
        public int ScriptResultsLength;

        /// <summary>Whether the card completed the transaction (a second GENERATE AC answered).</summary>
        public bool Completed => FinalCid >= 0;

        /// <summary>The AID in hex, for the slip.</summary>
        public string AidHex() => HexText.Encode(Aid, 0, AidLength);

        /// <summary>The TVR in hex (10 digits).</summary>
        public string TvrHex() => HexText.Encode(Tvr, 0, 5);

        /// <summary>The TSI in hex (4 digits).</summary>
        public string TsiHex() => HexText.Number(Tsi, 4);

        /// <summary>The ATC in hex (4 digits), as the card counts.</summary>
        public string AtcHex() => HexText.Number(Atc, 4);

        /// <summary>The cryptogram the slip shows: the TC or AAC once the card completed, else the ARQC; in hex.</summary>
        public string CryptogramHex() => HexText.Encode(Completed ? FinalCryptogram : Arqc, 0, 8);

        /// <summary>Its kind's name: TC, AAC, or ARQC before completion.</summary>
        public string CryptogramName() => Completed ? CryptogramKind.Name(FinalCid) : CryptogramKind.Name(CryptogramKind.Arqc);

        /// <summary>Sets the AID from <paramref name="count"/> bytes (at most <see cref="MaxAid"/> kept).</summary>
        public void SetAid(byte[] b, int at, int count) => AidLength = CopyIn(b, at, count, Aid);

        /// <summary>Sets the issuer application data (at most <see cref="MaxIad"/> bytes kept).</summary>
        public void SetIad(byte[] b, int at, int count) => IadLength = CopyIn(b, at, count, Iad);

        /// <summary>Sets the script results (at most <see cref="MaxScriptResults"/> bytes kept).</summary>
        public void SetScriptResults(byte[] b, int at, int count) => ScriptResultsLength = CopyIn(b, at, count, ScriptResults);

        /// <summary>A copy that shares nothing with this one.</summary>
        public ChipData Clone()
        {
            ChipData c = new ChipData();
            c.CopyFrom(this);
            return c;
        }

        /// <summary>Copies every field from <paramref name="other"/>.</summary>
        public void CopyFrom(ChipData other)
        {
            System.Array.Copy(other.Aid, Aid, MaxAid);
            AidLength = other.AidLength;
            Label = other.Label;
            PanSequence = other.PanSequence;
            Aip = other.Aip;
            CvmResults = other.CvmResults;
            System.Array.Copy(other.Tvr, Tvr, 5);
            Tsi = other.Tsi;
            Atc = other.Atc;
            System.Array.Copy(other.UnpredictableNumber, UnpredictableNumber, 4);
            System.Array.Copy(other.Iad, Iad, MaxIad);
            IadLength = other.IadLength;
            System.Array.Copy(other.Arqc, Arqc, 8);
            FinalCid = other.FinalCid;
            System.Array.Copy(other.FinalCryptogram, FinalCryptogram, 8);
            System.Array.Copy(other.ScriptResults, ScriptResults, MaxScriptResults);
            ScriptResultsLength = other.ScriptResultsLength;
        }

        /// <summary>
        /// Writes the first GENERATE AC's part (journaled with the request): AID and label (length-prefixed), 5F34
        /// (u8, 0xFF none), AIP (u16), CVM results (u24), TVR (5), TSI (u16), ATC (u16), UN (4), IAD
        /// (length-prefixed), ARQC (8). Returns the offset after it.
        /// </summary>
        public int EncodeRequestPart(byte[] b, int at)
        {
            int p = PutBytes(b, at, Aid, AidLength);
            p = Codec.PutText(b, p, Label, MaxLabel);
            b[p++] = (byte)(PanSequence < 0 ? 0xFF : PanSequence);
            p = Codec.Put16(b, p, Aip);
            p = Codec.Put24(b, p, CvmResults);
            p = Copy(Tvr, 0, b, p, 5);
            p = Codec.Put16(b, p, Tsi);
            p = Codec.Put16(b, p, Atc);
            p = Copy(UnpredictableNumber, 0, b, p, 4);
            p = PutBytes(b, p, Iad, IadLength);
            return Copy(Arqc, 0, b, p, 8);
        }

        /// <summary>Reads what <see cref="EncodeRequestPart"/> wrote from b[at..end); false when cut short or malformed.</summary>
        public bool DecodeRequestPart(byte[] b, int at, int end)
        {
            int p = GetBytes(b, at, end, Aid, out AidLength);
            p = p < 0 ? -1 : Codec.GetText(b, p, end, out Label);
            if (p < 0 || Label.Length > MaxLabel || p + 1 + 2 + 3 + 5 + 2 + 2 + 4 > end)
            {
                return false;
            }

            int seq = b[p++];
            PanSequence = seq == 0xFF ? NoSequence : seq;
            Aip = Codec.Get16(b, p); p += 2;
            CvmResults = Codec.Get24(b, p); p += 3;
            System.Array.Copy(b, p, Tvr, 0, 5);
            p += 5;
            Tsi = Codec.Get16(b, p); p += 2;
            Atc = Codec.Get16(b, p); p += 2;
            System.Array.Copy(b, p, UnpredictableNumber, 0, 4);
            p = GetBytes(b, p + 4, end, Iad, out IadLength);
            if (p < 0 || p + 8 != end)
            {
                return false;
            }

            System.Array.Copy(b, p, Arqc, 0, 8);
            FinalCid = CryptogramKind.None;
            ScriptResultsLength = 0;
            return true;
        }

        private static int CopyIn(byte[] src, int at, int count, byte[] dest)
        {
            int n = count < 0 ? 0 : count > dest.Length ? dest.Length : count;
            System.Array.Copy(src, at, dest, 0, n);
            return n;
        }

        // Copies count bytes to dest[to..]; returns the offset in dest after them.
        private static int Copy(byte[] src, int at, byte[] dest, int to, int count)
        {
            System.Array.Copy(src, at, dest, to, count);
            return to + count;
        }

        // A length byte then the bytes.
        private static int PutBytes(byte[] b, int at, byte[] src, int count)
        {
            b[at] = (byte)count;
            return Copy(src, 0, b, at + 1, count);
        }

        private static int GetBytes(byte[] b, int at, int end, byte[] dest, out int count)
        {
            count = 0;
            if (at >= end || b[at] > dest.Length || at + 1 + b[at] > end)
            {
                return -1;
            }

            count = b[at];
            System.Array.Copy(b, at + 1, dest, 0, count);
            return at + 1 + count;
        }
    }
}
