namespace Terminal.Core.Payments
{
    /// <summary>
    /// Settings the terminal keeps across reboots and settlements, each one byte in a <see cref="PaymentRecord.Settings"/>
    /// record (0 is every setting's default and is not written at compaction).
    /// </summary>
    public static class StoreSetting
    {
        /// <summary>Screens' and receipts' language: <see cref="Ui.Language"/> (0 English, 1 Simplified Chinese).</summary>
        public const int Language = 1;

        /// <summary>Training mode: 1 while the manager has it on (so a terminal left in training comes back in it).</summary>
        public const int Training = 2;

        /// <summary>The journal lost records (found at a mount): 1 until the batch is settled; new transactions wait.</summary>
        public const int JournalDamaged = 3;

        /// <summary>Setting ids are 1 .. Count-1.</summary>
        public const int Count = 8;
    }
}
