using Terminal.Core.Security;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// Sensitive data read from a card or a phone for exactly one request: track 2 (swipe), PAN and ICC
    /// data (tap), or the payment code (QR). It lives only until the request is packed, then is wiped;
    /// nothing here is ever journaled, logged or shown.
    /// </summary>
    public sealed class CardData
    {
        /// <summary>Track 2 as ASCII ("PAN=YYMM..."), swipe.</summary>
        public readonly byte[] Track2 = new byte[40];
        /// <summary>PAN as ASCII digits, tap.</summary>
        public readonly byte[] Pan = new byte[19];
        /// <summary>Field 55 (BER-TLV), tap.</summary>
        public readonly byte[] Icc = new byte[255];
        /// <summary>Payment code as ASCII digits, QR.</summary>
        public readonly byte[] Code = new byte[32];
        /// <summary>The PIN block encrypted under the PIK or a DUKPT key (F52), when the card needed a PIN.</summary>
        public readonly byte[] PinBlock = new byte[8];
        /// <summary>The DUKPT key serial number the PIN block was encrypted for (F62); unused under the PIK.</summary>
        public readonly byte[] Ksn = new byte[10];
        /// <summary>Bytes used in <see cref="PinBlock"/> (8 when a PIN was entered, else 0).</summary>
        public int PinBlockLength;
        /// <summary>Bytes used in <see cref="Ksn"/> (10 for DUKPT, else 0).</summary>
        public int KsnLength;
        /// <summary>Bytes used in <see cref="Track2"/>.</summary>
        public int Track2Length;
        /// <summary>Bytes used in <see cref="Pan"/>.</summary>
        public int PanLength;
        /// <summary>Bytes used in <see cref="Icc"/>.</summary>
        public int IccLength;
        /// <summary>Bytes used in <see cref="Code"/>.</summary>
        public int CodeLength;

        /// <summary>Zeroes every buffer.</summary>
        public void Wipe()
        {
            Security.Wipe.Bytes(Track2, 0, Track2.Length);
            Security.Wipe.Bytes(Pan, 0, Pan.Length);
            Security.Wipe.Bytes(Icc, 0, Icc.Length);
            Security.Wipe.Bytes(Code, 0, Code.Length);
            Security.Wipe.Bytes(PinBlock, 0, PinBlock.Length);
            Security.Wipe.Bytes(Ksn, 0, Ksn.Length);
            PinBlockLength = 0;
            KsnLength = 0;
            Track2Length = 0;
            PanLength = 0;
            IccLength = 0;
            CodeLength = 0;
        }

        /// <summary>The masked card number (6 + 4) of the swiped track or tapped PAN; empty when there is none.</summary>
        public string MaskedPan()
        {
            if (Track2Length > 0)
            {
                return PanMask.Mask(Track2, 0, Track2Length);
            }

            return PanLength > 0 ? PanMask.Mask(Pan, 0, PanLength) : string.Empty;
        }

        /// <summary>Copies the card number (ASCII digits) from the track or the tapped PAN; returns its length (0 when none).</summary>
        public int CopyPan(byte[] dest, int offset)
        {
            if (PanLength > 0)
            {
                System.Array.Copy(Pan, 0, dest, offset, PanLength);
                return PanLength;
            }

            int n = 0;
            while (n < Track2Length && n < 19 && Track2[n] >= (byte)'0' && Track2[n] <= (byte)'9')
            {
                dest[offset + n] = Track2[n];
                n++;
            }

            return n;
        }

        /// <summary>
        /// Whether the swiped track's service code asks for a PIN: its third digit is 0 ("PIN required") or 6
        /// ("prompt for PIN if a PIN pad is present", and this terminal has one). ISO/IEC 7813.
        /// </summary>
        public bool TrackRequiresPin()
        {
            for (int i = 0; i < Track2Length; i++)
            {
                if (Track2[i] == (byte)'=' || Track2[i] == (byte)'D')
                {
                    // Separator, YYMM, then the three service-code digits.
                    int at = i + 7;
                    return at < Track2Length && (Track2[at] == (byte)'0' || Track2[at] == (byte)'6');
                }
            }

            return false;
        }

        /// <summary>The payment code masked like a card number (first 6, last 4).</summary>
        public string MaskedCode()
        {
            int n = CodeLength;
            if (n < 12)
            {
                return string.Empty;
            }

            char[] masked = new char[n];
            for (int i = 0; i < n; i++)
            {
                masked[i] = i < 6 || i >= n - 4 ? (char)Code[i] : '*';
            }

            return new string(masked);
        }

        /// <summary>Expiry YYMM from track 2 (the 4 digits after the separator), 0 when absent.</summary>
        public int TrackExpiry()
        {
            for (int i = 0; i < Track2Length; i++)
            {
                byte c = Track2[i];
                if (c == (byte)'=' || c == (byte)'D')
                {
                    if (i + 4 >= Track2Length + 1)
                    {
                        return 0;
                    }

                    int v = 0;
                    for (int k = 1; k <= 4; k++)
                    {
                        int d = Track2[i + k] - '0';
                        if (d < 0 || d > 9)
                        {
                            return 0;
                        }

                        v = (v * 10) + d;
                    }

                    return v;
                }
            }

            return 0;
        }
    }
}
