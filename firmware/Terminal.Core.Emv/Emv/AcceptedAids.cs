namespace Terminal.Core.Emv
{
    /// <summary>The applications this terminal accepts by default, as AIDs or AID prefixes (partial selection).</summary>
    public static class AcceptedAids
    {
        /// <summary>A new list: UnionPay (debit, credit, quasi-credit), Visa, Mastercard.</summary>
        public static byte[][] Default() => new byte[][]
        {
            new byte[] { 0xA0, 0x00, 0x00, 0x03, 0x33, 0x01, 0x01 },
            new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x03, 0x10, 0x10 },
            new byte[] { 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10 },
        };
    }
}
