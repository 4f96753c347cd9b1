using Terminal.Core.Util;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// SignIn (0x1D): the last sign-in the host accepted: the batch it gave (u24) and when, on the terminal's wall clock
    /// (year u16, month, day, hour, minute, second). Help shows it; it is restated at compaction, so it outlives reboots
    /// and settlements until the next sign-in.
    /// </summary>
    public sealed class SignInRecord : StoreRecord
    {
        /// <summary>Bytes of the payload.</summary>
        public const int Size = 10;

        /// <summary>The batch the sign-in gave.</summary>
        public int Batch;

        /// <summary>When it happened.</summary>
        public System.DateTime At;

        /// <summary>An empty record.</summary>
        public SignInRecord()
            : base(PaymentRecord.SignIn)
        {
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = Codec.Put16(b, Codec.Put24(b, at, Batch), At.Year);
            b[p] = (byte)At.Month;
            b[p + 1] = (byte)At.Day;
            b[p + 2] = (byte)At.Hour;
            b[p + 3] = (byte)At.Minute;
            b[p + 4] = (byte)At.Second;
            return p + 5;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            if (at + Size != end)
            {
                return false;
            }

            Batch = Codec.Get24(b, at);
            int year = Codec.Get16(b, at + 3);
            int month = b[at + 5];
            int day = b[at + 6];
            int hour = b[at + 7];
            int minute = b[at + 8];
            int second = b[at + 9];
            if (Batch <= 0 || year < 2000 || year > 2099 || month < 1 || month > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            At = new System.DateTime(year, month, day, hour, minute, second);
            return true;
        }
    }
}
