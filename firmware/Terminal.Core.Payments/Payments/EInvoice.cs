using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The invoice-claim data a customer scans from the receipt to claim an e-invoice (电子发票), as text:
    /// <c>EINV1;MID=898310048990001;TID=12345678;DATE=20261125;TIME=101500;AMT=12800;RRN=000000000001;INV=000001;CRC=ABCD</c>.
    /// Fields in that order, separated by ';': format tag, merchant ID (15), terminal ID (8), transaction date
    /// (YYYYMMDD) and time (HHMMSS), amount in fen (negative for voids and refunds), host reference number
    /// (12), invoice number (6), then a CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) of every character
    /// before ";CRC=", in 4 hex digits, so a damaged or hand-edited code is refused by the claim service.
    /// </summary>
    public static class EInvoice
    {
        /// <summary>Format tag of this layout.</summary>
        public const string Tag = "EINV1";

        /// <summary>The claim text of an approved transaction printed at <paramref name="year"/>.</summary>
        public static string Payload(TxnEntry e, string merchantId, string terminalId, int year)
        {
            string body = Tag
                + ";MID=" + merchantId
                + ";TID=" + terminalId
                + ";DATE=" + DigitText.Fixed(year, 4) + DigitText.Fixed(e.DateMmdd, 4)
                + ";TIME=" + DigitText.Fixed(e.TimeHhmmss, 6)
                + ";AMT=" + (e.Kind == TxnKind.Sale ? e.Amount : -e.Amount).ToString()
                + ";RRN=" + e.Rrn
                + ";INV=" + DigitText.Fixed(e.Invoice, 6);
            return body + ";CRC=" + HexText.Number(Crc16(body), 4);
        }

        /// <summary>Whether <paramref name="payload"/> has the tag and a CRC that matches the rest.</summary>
        public static bool Valid(string payload)
        {
            int at = payload.LastIndexOf(";CRC=");
            if (at < 0 || payload.Length != at + 9 || !payload.StartsWith(Tag + ";"))
            {
                return false;
            }

            return payload.Substring(at + 5) == HexText.Number(Crc16(payload.Substring(0, at)), 4);
        }

        /// <summary>CRC-16/CCITT-FALSE of the characters (ASCII) of <paramref name="text"/>.</summary>
        public static int Crc16(string text)
        {
            int crc = 0xFFFF;
            for (int i = 0; i < text.Length; i++)
            {
                crc ^= (text[i] & 0xFF) << 8;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }

            return crc;
        }
    }
}
