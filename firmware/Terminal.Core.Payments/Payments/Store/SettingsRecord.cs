namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// Settings (0x06): pairs of setting id (u8, <see cref="StoreSetting"/>) and value (u8). A change writes one pair;
    /// compaction writes every setting that is not 0. Ids a boot does not know are passed over.
    /// </summary>
    public sealed class SettingsRecord : StoreRecord
    {
        /// <summary>Largest encoding: every setting once.</summary>
        public const int MaxEncoded = 2 * StoreSetting.Count;

        private readonly byte[] _value = new byte[StoreSetting.Count];
        private readonly bool[] _set = new bool[StoreSetting.Count];

        /// <summary>An empty record.</summary>
        public SettingsRecord()
            : base(PaymentRecord.Settings)
        {
        }

        /// <summary>Whether the record carries setting <paramref name="id"/>.</summary>
        public bool Has(int id) => id > 0 && id < StoreSetting.Count && _set[id];

        /// <summary>The value it carries for setting <paramref name="id"/>.</summary>
        public int Value(int id) => Has(id) ? _value[id] : 0;

        /// <summary>Carries nothing.</summary>
        public void Clear()
        {
            for (int id = 0; id < StoreSetting.Count; id++)
            {
                _set[id] = false;
                _value[id] = 0;
            }
        }

        /// <summary>Carries setting <paramref name="id"/> (1..<see cref="StoreSetting.Count"/>-1) as <paramref name="value"/> (0..255).</summary>
        public void Set(int id, int value)
        {
            _set[id] = true;
            _value[id] = (byte)value;
        }

        /// <inheritdoc/>
        public override int Encode(byte[] b, int at)
        {
            int p = at;
            for (int id = 1; id < StoreSetting.Count; id++)
            {
                if (_set[id])
                {
                    b[p++] = (byte)id;
                    b[p++] = _value[id];
                }
            }

            return p;
        }

        /// <inheritdoc/>
        public override bool Decode(byte[] b, int at, int end)
        {
            Clear();
            if (((end - at) & 1) != 0)
            {
                return false;
            }

            for (int p = at; p < end; p += 2)
            {
                if (b[p] > 0 && b[p] < StoreSetting.Count)
                {
                    Set(b[p], b[p + 1]);
                }
            }

            return true;
        }
    }
}
