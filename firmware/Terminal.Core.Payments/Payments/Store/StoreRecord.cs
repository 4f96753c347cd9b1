namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// One journal record type of the payment store: its fields, and the one encoder and the one decoder of its
    /// payload. The store changes only by encoding a record, appending it to the journal and applying it; a boot
    /// decodes each record and applies it with that same code (<see cref="PaymentStore"/>).
    /// </summary>
    public abstract class StoreRecord
    {
        /// <summary>The journal record type (<see cref="PaymentRecord"/>).</summary>
        public readonly int Type;

        /// <summary>A record of journal type <paramref name="type"/>.</summary>
        protected StoreRecord(int type)
        {
            Type = type;
        }

        /// <summary>Writes the payload into <paramref name="b"/> at <paramref name="at"/>; returns the offset after it.</summary>
        public abstract int Encode(byte[] b, int at);

        /// <summary>Reads a payload from b[at..end); false, and the fields unspecified, when it is cut short or malformed.</summary>
        public abstract bool Decode(byte[] b, int at, int end);
    }
}
