namespace Terminal.Core.Emv
{
    /// <summary>
    /// The outcome of one contactless read (and the card data of a contact transaction): an error with a reason, or the card's data objects. Card data
    /// leaves only through the copy methods and the masked PAN; <see cref="Wipe"/> clears it.
    /// </summary>
    public sealed class EmvReadResult
    {
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

        /// <summary>Most digits a PAN has (ISO/IEC 7812-1), so the most tag 5A may give.</summary>
        public const int MaxPanDigits = 19;

        /// <summary>Most bytes of tag 5A (19 digits, F-padded).</summary>
        public const int MaxPanBytes = 10;

        /// <summary>Most bytes of the track 2 equivalent data, tag 57 (EMV Book 3, annex A).</summary>
        public const int MaxTrack2Bytes = 19;

        /// <summary>Expiry as YYMM (from 5F24, else from track 2), or -1 when absent or not a date.</summary>
        public int ExpiryYymm
        {
            get
            {
                byte[] b = _store.Buffer;
                int length = _store.Find(EmvTag.ExpiryDate, out int offset);
                if (length >= 0)
                {
                    // YYMMDD, n6: a card that sends anything else has no usable expiry.
                    return length == 2 || length == 3 ? Yymm(Nibble(b, offset, 0), Nibble(b, offset, 1), Nibble(b, offset, 2), Nibble(b, offset, 3)) : -1;
                }

                length = _store.Find(EmvTag.Track2, out offset);
                if (length < 0 || length > MaxTrack2Bytes)
                {
                    return -1;
                }

                // PAN digits, the D separator, then YYMM (read from the nibbles: no copy of the track is made).
                int nibbles = length * 2;
                for (int i = 0; i < nibbles && i <= MaxPanDigits; i++)
                {
                    if (Nibble(b, offset, i) == 0x0D)
                    {
                        return i + 4 < nibbles
                            ? Yymm(Nibble(b, offset, i + 1), Nibble(b, offset, i + 2), Nibble(b, offset, i + 3), Nibble(b, offset, i + 4))
                            : -1;
                    }
                }

                return -1;
            }
        }

        /// <summary>
        /// Copies the PAN as ASCII digits (from 5A, else from track 2); returns the digit count, or -1 when there
        /// is none, it is longer than <see cref="MaxPanDigits"/> or does not fit <paramref name="destination"/>
        /// (nothing is written then).
        /// </summary>
        public int CopyPan(byte[] destination, int offset)
        {
            int digits = PanDigits(out int valueOffset);
            if (digits < 0 || offset < 0 || destination.Length - offset < digits)
            {
                return -1;
            }

            byte[] b = _store.Buffer;
            for (int i = 0; i < digits; i++)
            {
                destination[offset + i] = (byte)('0' + Nibble(b, valueOffset, i));
            }

            return digits;
        }

        /// <summary>The PAN masked for screens and receipts (first 6 and last 4 digits, the rest *), by <see cref="Security.PanMask"/>; empty for a PAN too short to hide any digit.</summary>
        public string MaskedPan()
        {
            byte[] pan = new byte[MaxPanDigits];
            int n = CopyPan(pan, 0);
            string masked = n > 0 ? Security.PanMask.Mask(pan, 0, n) : string.Empty;
            Security.Wipe.Bytes(pan, 0, pan.Length);
            return masked;
        }

        /// <summary>
        /// Copies track 2 equivalent data (57) as ASCII, '=' for the separator, padding dropped; returns its
        /// length, or -1 when there is none, it is longer than <see cref="MaxTrack2Bytes"/> or does not fit
        /// <paramref name="destination"/> (nothing is written then).
        /// </summary>
        public int CopyTrack2(byte[] destination, int offset)
        {
            int count = Track2Characters(out int valueOffset);
            if (count < 0 || offset < 0 || destination.Length - offset < count)
            {
                return -1;
            }

            byte[] b = _store.Buffer;
            for (int i = 0; i < count; i++)
            {
                int nibble = Nibble(b, valueOffset, i);
                destination[offset + i] = nibble == 0x0D ? (byte)'=' : (byte)('0' + (nibble > 9 ? 0 : nibble));
            }

            return count;
        }

        /// <summary>
        /// Digits of the PAN the card gave (5A up to its F padding, else track 2 up to its D separator), with the
        /// value's offset; -1 when absent, empty, over <see cref="MaxPanDigits"/>, or followed by anything but
        /// F padding (5A) or the separator (track 2).
        /// </summary>
        public int PanDigits(out int valueOffset)
        {
            byte[] b = _store.Buffer;
            int length = _store.Find(EmvTag.Pan, out valueOffset);
            bool fromTrack = length < 0;
            if (fromTrack)
            {
                length = _store.Find(EmvTag.Track2, out valueOffset);
                if (length < 0 || length > MaxTrack2Bytes)
                {
                    return -1;
                }
            }
            else if (length > MaxPanBytes)
            {
                return -1;
            }

            int nibbles = length * 2;
            int digits = 0;
            while (digits < nibbles && Nibble(b, valueOffset, digits) <= 9)
            {
                digits++;
            }

            if (digits == 0 || digits > MaxPanDigits)
            {
                return -1;
            }

            if (fromTrack)
            {
                // The digits end at the D separator; a track 2 without one has no PAN that can be told from it.
                return digits < nibbles && Nibble(b, valueOffset, digits) == 0x0D ? digits : -1;
            }

            // 5A: only F padding may follow the digits.
            for (int i = digits; i < nibbles; i++)
            {
                if (Nibble(b, valueOffset, i) != 0x0F)
                {
                    return -1;
                }
            }

            return digits;
        }

        /// <summary>Characters of the track 2 equivalent data (up to its F padding), with the value's offset; -1 when absent or too long.</summary>
        public int Track2Characters(out int valueOffset)
        {
            int length = _store.Find(EmvTag.Track2, out valueOffset);
            if (length < 0 || length > MaxTrack2Bytes)
            {
                return -1;
            }

            byte[] b = _store.Buffer;
            int nibbles = length * 2;
            int count = 0;
            while (count < nibbles && Nibble(b, valueOffset, count) != 0x0F)
            {
                count++;
            }

            return count;
        }

        /// <summary>
        /// Writes the ICC data of ISO 8583 field 55 of a contactless online request: the CUP request list
        /// (<see cref="CupField55"/>), each tag as TLV when present. Returns the length, or -1 when it does not fit.
        /// </summary>
        public int BuildField55(byte[] destination, int offset, int capacity) =>
            CupField55.Build(CupIccMessage.Request, _store, true, destination, offset, capacity);

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

        // Nibble i of the value at offset (high nibble first), as BCD and track 2 are packed.
        private static int Nibble(byte[] b, int offset, int i) => (i & 1) == 0 ? b[offset + (i >> 1)] >> 4 : b[offset + (i >> 1)] & 0x0F;

        // YYMM from four nibbles, or -1 when one is not a digit or the month is not 01..12.
        private static int Yymm(int y1, int y2, int m1, int m2)
        {
            if (y1 > 9 || y2 > 9 || m1 > 9 || m2 > 9)
            {
                return -1;
            }

            int month = (m1 * 10) + m2;
            return month < 1 || month > 12 ? -1 : (((y1 * 10) + y2) * 100) + month;
        }
    }
}
