namespace Terminal.Hal
{
    /// <summary>Slots of the key store.</summary>
    public static class KeySlot
    {
        /// <summary>Terminal master key: loaded by the technician, encrypts PIK and MAK in transit.</summary>
        public const int Tmk = 1;
        /// <summary>PIN key from sign-in.</summary>
        public const int Pik = 2;
        /// <summary>MAC key from sign-in.</summary>
        public const int Mak = 3;
        /// <summary>DUKPT initial key (the alternative PIN key scheme).</summary>
        public const int DukptInitialKey = 4;
        /// <summary>Public key that software updates must be signed with.</summary>
        public const int UpdateSigningKey = 5;
        /// <summary>DUKPT terminal state: KSN and the 21 future key registers (367 bytes; the initial key is not kept).</summary>
        public const int DukptRegisters = 6;

        /// <summary>The manager's password as salt (16 bytes) and iterated hash (32), never the password.</summary>
        public const int ManagerPassword = 7;

        /// <summary>The technician's password, as <see cref="ManagerPassword"/>.</summary>
        public const int TechnicianPassword = 8;

        /// <summary>Track data key (TDK) from a sign-in with 60.3 = 004: encrypts track data in F35/F36.</summary>
        public const int Tdk = 9;

        /// <summary>E-invoice key (32 bytes): signs the e-invoice URL on the customer copy (HMAC-SHA256); the invoicing service holds the same key.</summary>
        public const int InvoiceKey = 10;
    }

    /// <summary>
    /// Where keys live: a protected storage area on the device, an encrypted file in the simulator. Keys
    /// leave it only into caller buffers that the caller wipes; it never logs them.
    /// </summary>
    public interface IKeyStore
    {
        /// <summary>Copies the key in <paramref name="slot"/> to <paramref name="dest"/>; returns its length, or -1 when the slot is empty or its key does not fit <paramref name="dest"/> (nothing is copied then).</summary>
        int Load(int slot, byte[] dest, int offset);

        /// <summary>Stores a key, replacing what the slot held.</summary>
        void Store(int slot, byte[] key, int offset, int length);

        /// <summary>Empties a slot.</summary>
        void Erase(int slot);
    }
}
