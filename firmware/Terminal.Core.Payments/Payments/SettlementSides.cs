using Terminal.Core.Util;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// A settlement's two sides per part, as the CUP 0500/0510 F48 carries them: domestic cards (内卡) and foreign cards
    /// (外卡), each with debit count and amount and credit count and amount, the terminal's as sent and the host's as
    /// answered, and the host's result per part (1 balanced, 2 unbalanced, 3 error). F48 is 62 digits: per part, debit
    /// amount n12, debit count n3, credit amount n12, credit count n3, result n1 (0 in the request); domestic first.
    /// The host answers with its own totals in each part (the terminal's, where they agree) and the result digit set.
    /// </summary>
    public sealed class SettlementSides
    {
        /// <summary>Part index of domestic cards (内卡): UnionPay BINs and every QR payment.</summary>
        public const int Domestic = 0;

        /// <summary>Part index of foreign cards (外卡).</summary>
        public const int Foreign = 1;

        /// <summary>Digits of F48.</summary>
        public const int Field48Length = 62;

        /// <summary>Bytes of <see cref="Encode"/>: per side and part, debit and credit count (u16) and amount (u40), then the two results.</summary>
        public const int EncodedSize = (8 * 7) + 2;

        // Index: ((side * 2) + part) * 2 + (0 debit, 1 credit); side 0 terminal, 1 host.
        private readonly int[] _count = new int[8];
        private readonly long[] _amount = new long[8];
        private readonly int[] _result = new int[2];

        /// <summary>Whether the host's answer is in (after <see cref="ReadAnswer"/> or a decode of one).</summary>
        public bool HostKnown;

        /// <summary>Count of the terminal's (<paramref name="host"/> false) or the host's debits (<paramref name="credit"/> false) or credits in <paramref name="part"/>.</summary>
        public int Count(bool host, int part, bool credit) => _count[Index(host, part, credit)];

        /// <summary>Their amount in fen.</summary>
        public long Amount(bool host, int part, bool credit) => _amount[Index(host, part, credit)];

        /// <summary>The host's result for <paramref name="part"/>: 1 balanced, 2 unbalanced, 3 error, 0 not known.</summary>
        public int Result(int part) => _result[part];

        /// <summary>Whether every part balanced.</summary>
        public bool Balanced => _result[Domestic] == 1 && _result[Foreign] == 1;

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            for (int i = 0; i < _count.Length; i++)
            {
                _count[i] = 0;
                _amount[i] = 0;
            }

            _result[0] = 0;
            _result[1] = 0;
            HostKnown = false;
        }

        /// <summary>The terminal's side from <paramref name="totals"/>: its foreign totals, and the rest as domestic.</summary>
        public void SetTerminal(BatchTotals totals)
        {
            Set(false, Domestic, false, totals.DebitCount - totals.ForeignDebitCount, totals.DebitAmount - totals.ForeignDebitAmount);
            Set(false, Domestic, true, totals.CreditCount - totals.ForeignCreditCount, totals.CreditAmount - totals.ForeignCreditAmount);
            Set(false, Foreign, false, totals.ForeignDebitCount, totals.ForeignDebitAmount);
            Set(false, Foreign, true, totals.ForeignCreditCount, totals.ForeignCreditAmount);
        }

        /// <summary>The request's F48 of <paramref name="totals"/>: both parts, result digits 0.</summary>
        public static string Field48(BatchTotals totals)
        {
            char[] d = new char[Field48Length];
            Digits(d, 0, totals.DebitAmount - totals.ForeignDebitAmount, 12);
            Digits(d, 12, totals.DebitCount - totals.ForeignDebitCount, 3);
            Digits(d, 15, totals.CreditAmount - totals.ForeignCreditAmount, 12);
            Digits(d, 27, totals.CreditCount - totals.ForeignCreditCount, 3);
            d[30] = '0';
            Digits(d, 31, totals.ForeignDebitAmount, 12);
            Digits(d, 43, totals.ForeignDebitCount, 3);
            Digits(d, 46, totals.ForeignCreditAmount, 12);
            Digits(d, 58, totals.ForeignCreditCount, 3);
            d[61] = '0';
            return new string(d);
        }

        /// <summary>
        /// Reads the host's side and results from the 0510's F48 (62 digits). False, and nothing known, when it is not
        /// digits or a result is not 1, 2 or 3.
        /// </summary>
        public bool ReadAnswer(string field48)
        {
            HostKnown = false;
            _result[0] = 0;
            _result[1] = 0;
            if (field48 == null || field48.Length != Field48Length)
            {
                return false;
            }

            for (int i = 0; i < Field48Length; i++)
            {
                if (field48[i] < '0' || field48[i] > '9')
                {
                    return false;
                }
            }

            for (int part = 0; part < 2; part++)
            {
                int at = part * 31;
                int result = field48[at + 30] - '0';
                if (result < 1 || result > 3)
                {
                    _result[0] = 0;
                    _result[1] = 0;
                    return false;
                }

                _result[part] = result;
                Set(true, part, false, (int)Number(field48, at + 12, 3), Number(field48, at, 12));
                Set(true, part, true, (int)Number(field48, at + 27, 3), Number(field48, at + 15, 12));
            }

            HostKnown = true;
            return true;
        }

        /// <summary>Whether the two sides of <paramref name="part"/> agree in all four figures.</summary>
        public bool Agree(int part) =>
            Count(false, part, false) == Count(true, part, false) && Amount(false, part, false) == Amount(true, part, false)
            && Count(false, part, true) == Count(true, part, true) && Amount(false, part, true) == Amount(true, part, true);

        /// <summary>Copies everything from <paramref name="other"/>.</summary>
        public void CopyFrom(SettlementSides other)
        {
            for (int i = 0; i < _count.Length; i++)
            {
                _count[i] = other._count[i];
                _amount[i] = other._amount[i];
            }

            _result[0] = other._result[0];
            _result[1] = other._result[1];
            HostKnown = other.HostKnown;
        }

        /// <summary>Writes both sides and the results (0 for a result when the host's side is not known); returns the offset after them.</summary>
        public int Encode(byte[] b, int at)
        {
            int p = at;
            for (int i = 0; i < _count.Length; i++)
            {
                p = Codec.Put16(b, p, _count[i]);
                p = Codec.Put40(b, p, _amount[i]);
            }

            b[p++] = (byte)(HostKnown ? _result[0] : 0);
            b[p++] = (byte)(HostKnown ? _result[1] : 0);
            return p;
        }

        /// <summary>Reads what <see cref="Encode"/> wrote from b[at..end); -1 when it is cut short or a result is out of range.</summary>
        public int Decode(byte[] b, int at, int end)
        {
            Clear();
            if (at + EncodedSize > end || b[at + EncodedSize - 2] > 3 || b[at + EncodedSize - 1] > 3)
            {
                return -1;
            }

            int p = at;
            for (int i = 0; i < _count.Length; i++)
            {
                _count[i] = Codec.Get16(b, p);
                _amount[i] = Codec.Get40(b, p + 2);
                p += 7;
            }

            // Both results or neither: a side with one result is not the host's answer.
            HostKnown = b[p] != 0 && b[p + 1] != 0;
            _result[0] = HostKnown ? b[p] : 0;
            _result[1] = HostKnown ? b[p + 1] : 0;
            return p + 2;
        }

        private void Set(bool host, int part, bool credit, int count, long amount)
        {
            int i = Index(host, part, credit);
            _count[i] = count;
            _amount[i] = amount;
        }

        private static int Index(bool host, int part, bool credit) => ((((host ? 1 : 0) * 2) + part) * 2) + (credit ? 1 : 0);

        private static long Number(string s, int at, int width)
        {
            long v = 0;
            for (int i = 0; i < width; i++)
            {
                v = (v * 10) + (s[at + i] - '0');
            }

            return v;
        }

        private static void Digits(char[] d, int at, long value, int width)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                d[at + i] = (char)('0' + (int)(value % 10));
                value /= 10;
            }
        }
    }
}
