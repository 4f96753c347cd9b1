namespace Terminal.Core.Emv
{
    /// <summary>
    /// The outcome of one contactless read: an error with a reason, or the card's data objects. Card data
    /// leaves only through the copy methods and the masked PAN; <see cref="Wipe"/> clears it.
    /// </summary>
    public sealed class EmvReadResult
    {
        private static readonly int[] Field55Tags = new int[]
        {
            EmvTag.Cryptogram, EmvTag.CryptogramInfo, EmvTag.Iad, EmvTag.UnpredictableNumber, EmvTag.Atc,
            EmvTag.Tvr, EmvTag.TransactionDate, EmvTag.TransactionType, EmvTag.AmountAuthorised,
            EmvTag.TransactionCurrency, EmvTag.Aip, EmvTag.TerminalCountry, EmvTag.AmountOther,
            EmvTag.TerminalCapabilities, EmvTag.DfName, EmvTag.TerminalType,
        };

        private readonly EmvDataStore _store;

        /// <summary>Creates a result over <paramref name="store"/>.</summary>
        public EmvReadResult(EmvDataStore store)
        {
            _store = store;
            Reason = string.Empty;
        }

        /// <summary>An <see cref="EmvReadError"/> code; <see cref="EmvReadError.None"/> on success.</summary>
        public int Error { get; private set; }

        /// <summary>What went wrong, for the display and the log (never card data).</summary>
        public string Reason { get; private set; }

        /// <summary>The status word that ended the read (0x9000 on success, 0 when no APDU was answered).</summary>
        public int StatusWord { get; private set; }

        /// <summary>The <see cref="Terminal.Hal.ReaderStatus"/> when the reader failed, else 0.</summary>
        public int ReaderStatus { get; private set; }

        /// <summary>True when the read produced card data.</summary>
        public bool Succeeded => Error == EmvReadError.None;

        /// <summary>The card and terminal data objects of this read.</summary>
        public EmvDataStore Data => _store;

        /// <summary>Expiry as YYMM (from 5F24, else from track 2), or -1.</summary>
        public int ExpiryYymm
        {
            get
            {
                int length = _store.Find(EmvTag.ExpiryDate, out int offset);
                if (length >= 2)
                {
                    byte[] b = _store.Buffer;
                    return (Bcd(b[offset]) * 100) + Bcd(b[offset + 1]);
                }

                byte[] track = new byte[40];
                int n = CopyTrack2(track, 0);
                for (int i = 0; i < n; i++)
                {
                    if (track[i] == '=' && i + 4 < n)
                    {
                        return ((track[i + 1] - '0') * 1000) + ((track[i + 2] - '0') * 100) + ((track[i + 3] - '0') * 10) + (track[i + 4] - '0');
                    }
                }

                return -1;
            }
        }

        /// <summary>Copies the PAN as ASCII digits (from 5A, else from track 2); returns the digit count or -1.</summary>
        public int CopyPan(byte[] destination, int offset)
        {
            int length = _store.Find(EmvTag.Pan, out int valueOffset);
            int tag = EmvTag.Pan;
            if (length < 0)
            {
                length = _store.Find(EmvTag.Track2, out valueOffset);
                tag = EmvTag.Track2;
            }

            if (length < 0)
            {
                return -1;
            }

            int digits = 0;
            byte[] b = _store.Buffer;
            for (int i = 0; i < length * 2; i++)
            {
                int nibble = (i & 1) == 0 ? b[valueOffset + (i / 2)] >> 4 : b[valueOffset + (i / 2)] & 0x0F;
                if (nibble > 9)
                {
                    break; // F padding of 5A, or the D separator of track 2
                }

                destination[offset + digits++] = (byte)('0' + nibble);
            }

            return tag == EmvTag.Track2 && digits == length * 2 ? -1 : digits;
        }

        /// <summary>The PAN masked for screens and receipts (first 6 and last 4 digits, the rest *), by <see cref="Security.PanMask"/>; empty for a PAN too short to hide any digit.</summary>
        public string MaskedPan()
        {
            byte[] pan = new byte[19];
            int n = CopyPan(pan, 0);
            string masked = n > 0 ? Security.PanMask.Mask(pan, 0, n) : string.Empty;
            Security.Wipe.Bytes(pan, 0, pan.Length);
            return masked;
        }

        /// <summary>Copies track 2 equivalent data (57) as ASCII, '=' for the separator, padding dropped; returns its length or -1.</summary>
        public int CopyTrack2(byte[] destination, int offset)
        {
            int length = _store.Find(EmvTag.Track2, out int valueOffset);
            if (length < 0)
            {
                return -1;
            }

            int count = 0;
            byte[] b = _store.Buffer;
            for (int i = 0; i < length * 2; i++)
            {
                int nibble = (i & 1) == 0 ? b[valueOffset + (i / 2)] >> 4 : b[valueOffset + (i / 2)] & 0x0F;
                if (nibble == 0x0F)
                {
                    break;
                }

                destination[offset + count++] = nibble == 0x0D ? (byte)'=' : (byte)('0' + (nibble > 9 ? 0 : nibble));
            }

            return count;
        }

        /// <summary>
        /// Writes the ICC data of ISO 8583 field 55: 9F26 9F27 9F10 9F37 9F36 95 9A 9C 9F02 5F2A 82 9F1A 9F03
        /// 9F33 84 9F35, each as TLV when present. Returns the length, or -1 when it does not fit.
        /// </summary>
        public int BuildField55(byte[] destination, int offset, int capacity)
        {
            int written = 0;
            for (int i = 0; i < Field55Tags.Length; i++)
            {
                int length = _store.Find(Field55Tags[i], out int valueOffset);
                if (length < 0)
                {
                    continue;
                }

                int n = BerTlv.Write(destination, offset + written, capacity - written, Field55Tags[i], _store.Buffer, valueOffset, length);
                if (n < 0)
                {
                    return -1;
                }

                written += n;
            }

            return written;
        }

        /// <summary>Forgets the card data.</summary>
        public void Wipe()
        {
            _store.Clear();
        }

        internal void Reset()
        {
            _store.Clear();
            Error = EmvReadError.None;
            Reason = string.Empty;
            StatusWord = 0;
            ReaderStatus = 0;
        }

        internal void SetStatusWord(int sw) => StatusWord = sw;

        internal EmvReadResult Fail(int error, string reason)
        {
            Error = error;
            Reason = reason;
            return this;
        }

        internal EmvReadResult FailReader(int status, string step)
        {
            ReaderStatus = status;
            return Fail(EmvReadError.CardCommunication, step + ": " + ReaderStatusName(status));
        }

        private static string ReaderStatusName(int status)
        {
            switch (status)
            {
                case Terminal.Hal.ReaderStatus.NoCard: return "no card";
                case Terminal.Hal.ReaderStatus.Timeout: return "card did not answer";
                case Terminal.Hal.ReaderStatus.TransmissionError: return "transmission error";
                case Terminal.Hal.ReaderStatus.Collision: return "more than one card";
                case Terminal.Hal.ReaderStatus.ProtocolError: return "protocol error";
                case Terminal.Hal.ReaderStatus.BufferTooSmall: return "answer too long";
                case Terminal.Hal.ReaderStatus.ReaderFault: return "reader fault";
                default: return "reader status " + status.ToString();
            }
        }

        private static int Bcd(int b) => ((b >> 4) * 10) + (b & 0x0F);
    }
}
