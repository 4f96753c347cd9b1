namespace Terminal.Core.Security
{
    /// <summary>ISO 9564-1 format 0 PIN blocks (the ANSI X9.8 block UnionPay uses).</summary>
    public static class PinBlock
    {
        /// <summary>Shortest PIN ISO 9564 allows.</summary>
        public const int MinPinLength = 4;

        /// <summary>Longest PIN ISO 9564 allows.</summary>
        public const int MaxPinLength = 12;

        /// <summary>
        /// Builds the clear format 0 block: PIN field (0, length, digits, F padding) XOR PAN field (four zero
        /// nibbles then the 12 rightmost PAN digits excluding the check digit). PIN and PAN are ASCII digits.
        /// Returns false (and writes nothing) for a PIN or PAN of the wrong shape.
        /// </summary>
        public static bool Format0(byte[] pin, int pinOffset, int pinLength, byte[] pan, int panOffset, int panLength, byte[] dest, int destOffset)
        {
            if (pinLength < MinPinLength || pinLength > MaxPinLength || panLength < 13 || panLength > 19
                || !AllDigits(pin, pinOffset, pinLength) || !AllDigits(pan, panOffset, panLength))
            {
                return false;
            }

            // The 12 PAN digits: rightmost excluding the check digit.
            int panStart = panOffset + panLength - 13;
            for (int i = 0; i < 8; i++)
            {
                int pinHigh = PinNibble(pin, pinOffset, pinLength, 2 * i);
                int pinLow = PinNibble(pin, pinOffset, pinLength, (2 * i) + 1);
                int panHigh = i < 2 ? 0 : pan[panStart + (2 * i) - 4] - '0';
                int panLow = i < 2 ? 0 : pan[panStart + (2 * i) - 3] - '0';
                dest[destOffset + i] = (byte)(((pinHigh ^ panHigh) << 4) | (pinLow ^ panLow));
            }

            return true;
        }

        private static int PinNibble(byte[] pin, int offset, int length, int nibble)
        {
            if (nibble == 0)
            {
                return 0;
            }

            if (nibble == 1)
            {
                return length;
            }

            int digit = nibble - 2;
            return digit < length ? pin[offset + digit] - '0' : 0xF;
        }

        private static bool AllDigits(byte[] b, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (b[offset + i] < (byte)'0' || b[offset + i] > (byte)'9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
